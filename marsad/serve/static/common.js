/* Shared helpers of the Marsad dashboard: API calls (with the token kept in localStorage, if any), escaping, colours. */
"use strict";
const TYPE_COLOURS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d",
};
function typeColour(t) { return TYPE_COLOURS[t] || "#555"; }
function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}
async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) url.searchParams.append(k, v);
  const headers = {};
  const token = window.localStorage.getItem("marsadToken");
  if (token) headers["Authorization"] = "Bearer " + token;
  const r = await fetch(url, {headers});
  const body = await r.json();
  if (!r.ok) throw new Error((body.error && body.error.message) || r.statusText);
  return body;
}
/* "Latin (Arabic)" with the Arabic part marked right-to-left. */
function bilingual(latin, arabic) {
  return esc(latin) + (arabic ? ` <span class="ar" lang="ar" dir="rtl">${esc(arabic)}</span>` : "");
}
