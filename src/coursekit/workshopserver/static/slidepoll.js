// Live results on the poll slides, loaded by slides.js only when the workshop service serves the
// deck and the facilitator is logged in; the plain static slides never load it.
/* global Reveal */
import { el, postJSON, renderResult } from "./chart.js";

const api = "/_workshop/api/leitung";
let events = null;

function attach(slide, joinUrl) {
  const id = slide.dataset.ckPoll;
  // No live region: results change several times a second and would drown a screen reader.
  const result = el("div", { class: "ck-live-result" });
  const buttons = [
    ["Umfrage öffnen", "oeffnen"],
    ["Schließen", "schliessen"],
    ["Auflösen", "aufloesen"],
  ].map(([label, action]) => {
    const button = el("button", { type: "button", class: "ck-live-button", text: label });
    button.addEventListener("click", () => postJSON(`${api}/aktion`, { frage: id, aktion: action }));
    return button;
  });
  const box = el(
    "div",
    { class: "ck-live" },
    el("p", { class: "ck-live-join", text: `Mitmachen: ${joinUrl}` }),
    el("p", { class: "ck-live-actions" }, ...buttons),
    result,
  );
  slide.append(box);
  return result;
}

function follow(slide, boxes) {
  if (events) events.close();
  events = null;
  if (!slide || !slide.dataset.ckPoll) return;
  const box = boxes.get(slide);
  events = new EventSource(`${api}/ereignisse?frage=${encodeURIComponent(slide.dataset.ckPoll)}`);
  events.addEventListener("stand", (event) => renderResult(box, JSON.parse(event.data).ergebnis));
}

async function start() {
  const response = await fetch(`${api}/stand`, { credentials: "same-origin" });
  if (!response.ok) return; // not the facilitator's browser: the slides stay as they are
  const data = await response.json();
  document.head.append(el("link", { rel: "stylesheet", href: "/_workshop/static/slidepoll.css" }));
  const boxes = new Map();
  for (const slide of document.querySelectorAll("section[data-ck-poll]")) {
    boxes.set(slide, attach(slide, data.teilnahme || `${location.origin}/mitmachen`));
  }
  follow(Reveal.getCurrentSlide(), boxes);
  Reveal.on("slidechanged", (event) => follow(event.currentSlide, boxes));
}

start();
