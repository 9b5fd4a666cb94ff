// The participants' page: shows the open question, sends the answer, follows the facilitator.
import { el, postJSON } from "./chart.js";

const card = document.getElementById("ws-frage");
const status = document.getElementById("ws-status");
let shown = null;

function say(text) {
  status.textContent = text;
}

function clearCard() {
  card.replaceChildren(el("h2", { id: "ws-frage-titel", text: "Aktuelle Frage" }));
}

function chosen(form, question) {
  if (question.art === "text") return form.elements.antwort.value;
  const checked = [...form.querySelectorAll("input[name=antwort]:checked")].map((i) => Number(i.value));
  return question.art === "multiple" ? checked : checked[0];
}

function render(data) {
  const question = data.frage;
  const key = question ? JSON.stringify([question.id, data.status, question.richtig || null]) : "";
  if (key === shown) return; // same question, same state: keep what the person is typing
  shown = key;
  clearCard();
  if (!question) {
    card.append(el("p", { text: "Im Moment ist keine Frage geöffnet. Die nächste Frage erscheint hier von selbst." }));
    return;
  }
  const open = data.status === "offen";
  const form = el("form", { class: "ws-answer", novalidate: true });
  if (question.art === "text") {
    // spellcheck off: Chromium would otherwise fetch a dictionary from Google for the field.
    form.append(el("label", { for: "ws-text", class: "ws-prompt", text: question.frage }));
    const area = el("textarea", { id: "ws-text", name: "antwort", maxlength: 280, rows: 3, spellcheck: "false", disabled: !open });
    area.value = typeof data.eigene === "string" ? data.eigene : "";
    form.append(area, el("p", { class: "ws-hint", text: "Höchstens 280 Zeichen." }));
  } else {
    const type = question.art === "multiple" ? "checkbox" : "radio";
    const fieldset = el("fieldset", { disabled: !open }, el("legend", { class: "ws-prompt", text: question.frage }));
    if (question.art === "multiple") fieldset.append(el("p", { class: "ws-hint", text: "Mehrere Antworten möglich." }));
    const own = Array.isArray(data.eigene) ? data.eigene : [data.eigene];
    for (const choice of question.auswahl) {
      const id = `ws-wahl-${choice.wert}`;
      const input = el("input", { type, id, name: "antwort", value: choice.wert, checked: own.includes(choice.wert) });
      fieldset.append(el("div", { class: "ws-choice" }, input, el("label", { for: id, text: choice.text })));
    }
    form.append(fieldset);
  }
  form.append(el("button", { type: "submit", class: "ws-button", disabled: !open, text: "Antwort senden" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = chosen(form, question);
    const result = await postJSON("/_workshop/api/antwort", { frage: question.id, antwort: answer });
    say(
      result.ok
        ? "Ihre Antwort ist gespeichert. Sie können sie ändern, solange die Frage offen ist."
        : result.body.fehler,
    );
  });
  card.append(form);
  if (!open) card.append(el("p", { class: "ws-closed", text: "Die Abstimmung zu dieser Frage ist geschlossen." }));
  if (question.richtig) {
    const right = question.auswahl.filter((c) => question.richtig.includes(c.wert)).map((c) => c.text);
    if (right.length) card.append(el("p", { class: "ws-solution", text: `Richtig: ${right.join("; ")}` }));
    if (question.erklaerung) card.append(el("p", { text: question.erklaerung }));
  }
  say(data.eigene !== null && data.eigene !== undefined && open ? "Sie haben schon geantwortet; Sie können Ihre Antwort ändern." : "");
}

async function refresh() {
  const response = await fetch("/_workshop/api/frage", { credentials: "same-origin" });
  if (!response.ok) {
    say((await response.json()).fehler || "Der Workshop-Dienst antwortet nicht.");
    return;
  }
  render(await response.json());
}

refresh().then(() => {
  const events = new EventSource("/_workshop/api/ereignisse");
  events.addEventListener("stand", refresh);
  events.addEventListener("error", () => say("Die Verbindung ist unterbrochen; die Seite versucht es weiter."));
  events.addEventListener("open", () => {
    if (status.textContent.startsWith("Die Verbindung")) say("");
    refresh();
  });
});
