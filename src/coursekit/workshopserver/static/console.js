// The facilitator console: log in with the token from the address, choose and run questions,
// watch results live, release free texts, export and delete.
import { KIND, STATUS, el, postJSON, renderResult } from "./chart.js";

const api = "/_workshop/api/leitung";
const notice = document.getElementById("ws-anmeldung");
const content = document.getElementById("ws-inhalt");
const moduleSelect = document.getElementById("ws-modul");
const list = document.getElementById("ws-fragen");
const slidesLink = document.getElementById("ws-folien");
const resultBox = document.getElementById("ws-ergebnis");
const textBox = document.getElementById("ws-texte");
let data = null;
let focus = null;
let events = null;
let rows = new Map();
let textsShown = "";

async function login() {
  const match = /schluessel=([\w-]+)/.exec(location.hash);
  if (match) {
    history.replaceState(null, "", location.pathname); // the token leaves the address bar
    const result = await postJSON(`${api}/anmelden`, { schluessel: match[1] });
    if (!result.ok) return result.body.fehler;
  }
  const response = await fetch(`${api}/stand`, { credentials: "same-origin" });
  if (!response.ok) {
    return "Sie sind nicht als Moderation angemeldet. Öffnen Sie die Leitungsadresse mit Schlüssel, die „make workshop“ im Terminal ausgegeben hat.";
  }
  data = await response.json();
  return null;
}

async function act(question, action, extra = {}) {
  const result = await postJSON(`${api}/aktion`, { frage: question, aktion: action, ...extra });
  if (!result.ok) {
    notice.textContent = result.body.fehler;
    return;
  }
  if (action === "oeffnen" || focus !== question) show(question);
  update(result.body);
}

function questionRow(question) {
  const state = el("p", { class: "ws-row-state" });
  const buttons = [
    ["Öffnen", "oeffnen"],
    ["Schließen", "schliessen"],
    ...(question.art === "scale" || question.art === "text" ? [] : [["Auflösen", "aufloesen"]]),
    ["Zurücksetzen", "zuruecksetzen"],
  ].map(([label, action]) => {
    const button = el("button", { type: "button", class: "ws-button", text: label });
    button.addEventListener("click", () => act(question.id, action));
    return button;
  });
  const showButton = el("button", { type: "button", class: "ws-button ws-secondary", text: "Ergebnis zeigen" });
  showButton.addEventListener("click", () => show(question.id));
  const item = el(
    "li",
    { class: "ws-row", "data-frage": question.id },
    el("p", { class: "ws-row-kind", text: KIND[question.art] }),
    el("p", { class: "ws-row-q", text: question.frage }),
    state,
    el("p", { class: "ws-actions" }, ...buttons, showButton),
  );
  rows.set(question.id, { item, state });
  return item;
}

function buildModule(moduleId) {
  const module = data.module.find((m) => m.id === moduleId) || data.module[0];
  if (!module) return;
  moduleSelect.value = module.id;
  const deck = el("a", { href: `/moderation/${encodeURIComponent(module.id)}/folien/`, text: "Folien dieses Moduls öffnen" });
  slidesLink.replaceChildren(deck, " (in diesem Browser: mit Live-Ergebnis auf den markierten Fragen)");
  rows = new Map();
  list.replaceChildren(...module.fragen.map(questionRow));
  update(data);
}

function renderTexts(texts, question) {
  const key = JSON.stringify([texts, data.ergebnis && data.ergebnis.wortliste !== null]);
  if (key === textsShown) return;
  textsShown = key;
  textBox.replaceChildren();
  if (!texts) return;
  textBox.append(el("h3", { text: "Freitexte (nur für Sie, bis Sie sie freigeben)" }));
  const wordsOn = data.ergebnis && data.ergebnis.wortliste !== null;
  const toggle = el("button", {
    type: "button",
    class: "ws-button ws-secondary",
    text: wordsOn ? "Wortliste ausblenden" : "Alle als Wortliste zeigen",
  });
  toggle.addEventListener("click", () => act(question, "wortliste", { an: !wordsOn }));
  textBox.append(el("p", {}, toggle));
  const items = texts.map((t) => {
    const item = el("li", {}, el("span", { class: "ws-text", text: t.text }), " ");
    if (t.frei) item.append(el("span", { class: "ws-released", text: "(freigegeben)" }));
    else {
      const release = el("button", { type: "button", class: "ws-button ws-secondary", text: "Freigeben" });
      release.setAttribute("aria-label", `Freigeben: ${t.text}`);
      release.addEventListener("click", () => act(question, "freigeben", { nr: t.nr }));
      item.append(release);
    }
    return item;
  });
  textBox.append(items.length ? el("ul", { class: "ws-texts" }, ...items) : el("p", { text: "Noch keine Freitexte." }));
}

function update(next) {
  data = next;
  for (const module of data.module) {
    for (const q of module.fragen) {
      const row = rows.get(q.id);
      if (!row) continue;
      const current = data.aktuell === q.id ? " · auf den Smartphones" : "";
      const revealed = q.aufgeloest ? " · aufgelöst" : "";
      row.state.textContent = `Status: ${STATUS[q.status]}${revealed}${current} · ${q.anzahl} Antworten`;
      row.item.classList.toggle("ws-row-current", data.aktuell === q.id);
    }
  }
  renderResult(resultBox, data.ergebnis);
  renderTexts(data.texte || null, data.ergebnis ? data.ergebnis.frage.id : null);
}

function show(question) {
  focus = question;
  if (events) events.close();
  events = new EventSource(`${api}/ereignisse?frage=${encodeURIComponent(question || "")}`);
  events.addEventListener("stand", (event) => update(JSON.parse(event.data)));
  // EventSource reconnects by itself; say so while the service is away (laptop asleep, restart).
  events.addEventListener("error", () => {
    notice.textContent = "Verbindung zum Workshop-Dienst unterbrochen; neuer Versuch läuft …";
  });
  events.addEventListener("open", () => {
    notice.textContent = "Angemeldet als Moderation.";
  });
}

document.getElementById("ws-loeschen").addEventListener("click", async () => {
  if (!window.confirm("Wirklich alle Antworten löschen? Das lässt sich nicht rückgängig machen.")) return;
  const result = await postJSON(`${api}/alles-loeschen`, { bestaetigt: true });
  notice.textContent = result.ok ? "Alle Antworten sind gelöscht." : result.body.fehler;
});

login().then((problem) => {
  if (problem) {
    notice.textContent = problem;
    return;
  }
  notice.textContent = "Angemeldet als Moderation.";
  content.hidden = false;
  moduleSelect.replaceChildren(...data.module.map((m) => el("option", { value: m.id, text: m.titel })));
  moduleSelect.addEventListener("change", () => buildModule(moduleSelect.value));
  const current = data.aktuell ? data.aktuell.split("/")[0] : null;
  const start = data.module.find((m) => m.fragen.some((q) => q.id === data.aktuell));
  buildModule(start ? start.id : current);
  show(data.aktuell);
});
