// Shared by the console, the participants' page and the slides: elements built from data, text
// inserted as text only, and results as a bar chart that carries every number as text.

export const STATUS = { bereit: "noch nicht geöffnet", offen: "offen", geschlossen: "geschlossen" };
export const KIND = {
  single: "Eine Antwort",
  multiple: "Mehrere Antworten",
  true_false: "Stimmt oder stimmt nicht",
  scale: "Skala 1–5",
  text: "Freitext",
};

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children);
  return node;
}

export async function postJSON(url, data) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(data),
    credentials: "same-origin",
  });
  let body = {};
  try {
    body = await response.json();
  } catch {
    body = { fehler: `Der Workshop-Dienst antwortet nicht (${response.status}).` };
  }
  return { ok: response.ok, status: response.status, body };
}

function percent(count, total) {
  return total ? Math.round((100 * count) / total) : 0;
}

export function renderResult(box, result) {
  box.replaceChildren();
  if (!result) {
    box.append(el("p", { text: "Noch keine Frage ausgewählt." }));
    return;
  }
  const question = result.frage;
  box.append(el("p", { class: "ws-result-q", text: question.frage }));
  const count = result.anzahl === 1 ? "1 Antwort" : `${result.anzahl} Antworten`;
  box.append(el("p", { class: "ws-result-meta", text: `${count} · Abstimmung ${STATUS[result.status]}` }));
  if (result.balken) {
    const total = question.art === "multiple" ? result.anzahl : result.balken.reduce((s, b) => s + b.anzahl, 0);
    const list = el("ul", { class: "ws-bars", "aria-label": "Ergebnis je Antwort" });
    for (const bar of result.balken) {
      const share = percent(bar.anzahl, total);
      const label = el("span", { class: "ws-bar-label", text: bar.text });
      if (bar.richtig === true) label.append(el("strong", { class: "ws-correct", text: " ✓ richtig" }));
      const fill = el("span", { class: bar.richtig === true ? "ws-bar ws-bar-correct" : "ws-bar" });
      fill.style.width = `${share}%`;
      const track = el("span", { class: "ws-bar-track", "aria-hidden": "true" }, fill);
      const number = el("span", { class: "ws-bar-count", text: `${bar.anzahl} (${share} %)` });
      list.append(el("li", {}, label, track, number));
    }
    box.append(list);
  }
  if (result.mittel !== undefined) {
    box.append(el("p", { text: `Mittelwert: ${String(result.mittel).replace(".", ",")}` }));
  }
  if (result.freigegeben && result.freigegeben.length) {
    box.append(el("p", { class: "ws-result-sub", text: "Freigegebene Antworten" }));
    box.append(el("ul", { class: "ws-texts" }, ...result.freigegeben.map((t) => el("li", { text: t }))));
  }
  if (result.wortliste && result.wortliste.length) {
    box.append(el("p", { class: "ws-result-sub", text: "Häufigste Wörter" }));
    const words = result.wortliste.map(([word, n]) => el("li", { text: `${word} (${n})` }));
    box.append(el("ul", { class: "ws-words" }, ...words));
  }
  if (result.aufgeloest && question.erklaerung) {
    box.append(el("p", { class: "ws-explanation", text: question.erklaerung }));
  }
}
