"""ACLED's conservative fatality figure from claims."""

from marsad.models import Claim
from marsad.records.fatalities import code_fatalities, split_share


def test_admission_beats_enemy_claim():
    claims = [(Claim("IS", "claim", killed=40, victim="JNIM"), 0, 1),
              (Claim("JNIM", "admission", killed=30, victim="JNIM"), 0, 1)]
    f = code_fatalities(claims)
    assert (f.best, f.low, f.high) == (30, 30, 40)


def test_unconfirmed_adds_nothing():
    f = code_fatalities([(Claim("social media", "unconfirmed", killed=1, victim="JNIM"), 0, 1)])
    assert (f.best, f.low, f.high) == (0, 0, 1)


def test_split_over_places_remainder_to_first():
    assert [split_share(10, i, 2) for i in range(2)] == [5, 5]
    assert [split_share(11, i, 3) for i in range(3)] == [5, 3, 3]
    f = code_fatalities([(Claim("JNIM", "claim", killed=10, victim="IS"), 1, 2)])
    assert f.best == 5


def test_different_victims_add_up():
    claims = [(Claim("army", "admission", killed=5, victim="Military Forces of Mali"), 0, 1),
              (Claim("army", "claim", killed=20, victim="JNIM"), 0, 1)]
    assert code_fatalities(claims).best == 25


def test_denial_and_no_figures():
    assert code_fatalities([(Claim("army", "denial"), 0, 1)]).best == 0
    assert code_fatalities([]).best == 0


def test_witnesses_toll_beats_two_sides_claiming_each_others_dead():
    claims = [(Claim("JNIM", "claim", killed=27, victim="IS"), 0, 1),
              (Claim("IS", "claim", killed=40, victim="JNIM"), 0, 1),
              (Claim("Local residents", "report", killed=10, victim=None), 0, 1)]
    f = code_fatalities(claims)
    assert (f.best, f.low, f.high) == (10, 10, 67)  # high: every claim taken at its word
    # an admission is no mere claim: the sides' own figures then stand
    claims[0] = (Claim("IS", "admission", killed=27, victim="IS"), 0, 1)
    assert code_fatalities(claims).best == 67
