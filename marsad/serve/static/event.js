/* The event page: ACLED fields, claims, each source's original text (right-to-left) with evidence marked, history. */
"use strict";
const FIELDS = ["event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
  "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
  "iso", "region", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source",
  "notes", "fatalities", "fatalities_low", "fatalities_high", "certainty"];

function fmt(v) { return v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v); }

function markedText(text, spans) {
  let out = "", at = 0;
  for (const s of spans) {
    out += esc(text.slice(at, s.start)) + `<mark data-field="${esc(s.field)}" title="${esc(s.field)}">${esc(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return out + esc(text.slice(at));
}

async function main() {
  const id = new URLSearchParams(window.location.search).get("id");
  let e;
  try { e = await api("/events/" + encodeURIComponent(id || "")); }
  catch (err) { document.getElementById("status").textContent = "Error: " + err.message; return; }
  document.getElementById("status").remove();
  document.title = `Marsad — ${e.event_id_cnty}`;
  document.getElementById("title").innerHTML = `${esc(e.event_id_cnty)} · ${esc(e.event_date)} · ${bilingual(e.location, e.location_ar)}`;
  const extra = {actor1: e.actor1_ar, actor2: e.actor2_ar, location: e.location_ar};
  const acled = {...e.acled, fatalities_low: e.fatalities_low, fatalities_high: e.fatalities_high, certainty: e.certainty};
  document.getElementById("fields").innerHTML = FIELDS.map((k) =>
    `<tr><th>${k}</th><td>${bilingual(fmt(acled[k] !== undefined ? acled[k] : e[k]), extra[k])}</td></tr>`).join("");
  document.querySelector("#claims tbody").innerHTML = e.claims.map((c) =>
    `<tr class="claim${c.superseded_by ? " superseded" : ""}"><td class="claimant">${bilingual(c.claimant, c.claimant_ar)}</td>` +
    `<td>${esc(c.type)}</td><td class="killed">${c.killed == null ? "" : (c.approximate ? "about " : "") + c.killed}</td>` +
    `<td>${fmt(c.wounded)}</td><td>${esc(c.victim)}</td><td class="via">${esc(c.via)}</td>` +
    `<td${/[\u0600-\u06ff]/.test((c.evidence && c.evidence.text) || "") ? ' class="ar" dir="rtl" lang="ar"' : ""}>${esc(c.evidence && c.evidence.text)}</td><td>${esc((c.articles || []).join(", "))}</td></tr>`).join("");
  document.getElementById("figures").innerHTML =
    `Fatalities: low <b>${e.fatalities_low}</b> · best (ACLED) <b>${e.fatalities}</b> · high <b>${e.fatalities_high}</b> · certainty <b>${esc(e.certainty)}</b>`;
  document.getElementById("sources").innerHTML = e.sources.map((s) =>
    `<article class="source"><h3>${esc(s.outlet || "unknown outlet")} · ${esc(s.article_id)} · ${esc(s.publication_date)}` +
    `${s.url ? ` · <a href="${esc(s.url)}" rel="noreferrer">link</a>` : ""}</h3>` +
    `<div class="source-text" dir="${s.language === "ar" || !s.language ? "rtl" : "ltr"}" lang="${esc(s.language || "ar")}">${markedText(s.text || "", s.highlights || [])}</div></article>`).join("");
  document.querySelector("#history tbody").innerHTML = (e.history || []).map((h) =>
    `<tr><td>${esc(h.field)}</td><td>${esc(fmt(h.old))}</td><td>${esc(fmt(h.new))}</td><td>${esc(h.article_id)}</td>` +
    `<td>${esc(h.reason)}</td><td>${esc(h.date)}</td></tr>`).join("");
  document.body.dataset.ready = "1";
}
document.addEventListener("DOMContentLoaded", main);
