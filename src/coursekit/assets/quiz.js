// Interactive quizzes: check answers, show per-option feedback, keep answers in the browser.
import { score, quizResult } from "./score.js";
import { entryFor, save, setEntry } from "./store.js";

const percent = (share) => `${Math.round(share * 100)} %`;
const points = (value) => String(Math.round(value * 100) / 100).replace(".", ",");

function button(label, action, extra = "") {
  const b = document.createElement("button");
  b.type = action === "check" ? "submit" : "button";
  b.className = `md-button ${extra}`.trim();
  b.dataset.action = action;
  b.textContent = label;
  return b;
}

// --- reading and restoring answers -------------------------------------------------------------

function readAnswer(form, spec) {
  const inputs = (sel) => [...form.querySelectorAll(sel)];
  switch (spec.type) {
    case "single": {
      const picked = inputs("input[type=radio]:checked")[0];
      return picked ? Number(picked.value) : null;
    }
    case "multiple":
      return inputs("input[type=checkbox]:checked").map((i) => Number(i.value));
    case "true_false": {
      const picked = inputs("input[type=radio]:checked")[0];
      return picked ? picked.value === "true" : null;
    }
    case "matching":
      return inputs("select").map((s) => (s.value === "" ? null : Number(s.value)));
    case "ordering":
      return inputs(".ck-order-item").map((li) => Number(li.dataset.key));
    default:
      return (form.querySelector("input[type=text], textarea")?.value ?? "").trim();
  }
}

function restoreAnswer(form, spec, answer) {
  if (answer === null || answer === undefined) return;
  switch (spec.type) {
    case "single":
    case "multiple":
      for (const input of form.querySelectorAll("input")) {
        input.checked = [].concat(answer).includes(Number(input.value));
      }
      break;
    case "true_false":
      for (const input of form.querySelectorAll("input")) input.checked = input.value === String(answer);
      break;
    case "matching":
      form.querySelectorAll("select").forEach((s, i) => {
        s.value = answer[i] === null || answer[i] === undefined ? "" : String(answer[i]);
      });
      break;
    case "ordering": {
      const list = form.querySelector(".ck-ordering");
      const items = new Map([...list.children].map((li) => [Number(li.dataset.key), li]));
      if (answer.length === items.size && answer.every((k) => items.has(k))) answer.forEach((k) => list.append(items.get(k)));
      break;
    }
    default: {
      const field = form.querySelector("input[type=text], textarea");
      if (field) field.value = answer;
    }
  }
}

// --- feedback ------------------------------------------------------------------------------------

function clearFeedback(form) {
  form.classList.remove("ck-right", "ck-wrong", "ck-partial");
  for (const el of form.querySelectorAll(".ck-option")) el.classList.remove("ck-option-right", "ck-option-wrong");
  for (const fb of form.querySelectorAll(".ck-fb")) fb.hidden = true;
  form.querySelector(".ck-status").textContent = "";
  const retry = form.querySelector("[data-action=retry]");
  if (retry) retry.hidden = true;
}

function optionElement(form, spec, key) {
  if (spec.type === "ordering") return form.querySelector(`.ck-order-item[data-key="${key}"]`);
  return form.querySelector(`.ck-option[data-index="${key}"]`);
}

function showFeedback(form, spec, result) {
  clearFeedback(form);
  const status = form.querySelector(".ck-status");
  if (spec.type === "reflection") {
    status.textContent = "Gespeichert. Ihre Antwort steht auch in Ihrem Lernjournal unter „Mein Fortschritt“.";
    return;
  }
  const verdict = result.correct ? "ck-right" : result.score > 0 ? "ck-partial" : "ck-wrong";
  form.classList.add(verdict);
  for (const key of result.wrong) {
    const el = optionElement(form, spec, key);
    if (!el) continue;
    el.classList.add("ck-option-wrong");
    const fb = el.querySelector(".ck-fb");
    if (fb) fb.hidden = false;
  }
  if (spec.type === "single" || spec.type === "multiple") {
    const picked = [].concat(readAnswer(form, spec));
    for (const i of spec.correct) if (picked.includes(i)) optionElement(form, spec, i)?.classList.add("ck-option-right");
  }
  if (!result.correct) {
    const specific = result.matched !== null ? form.querySelector(`.ck-fb[data-fb="wrong-answer"][data-key="${result.matched}"]`) : null;
    const general = form.querySelector('.ck-fb[data-fb="wrong"]');
    if (specific) specific.hidden = false;
    else if (general) general.hidden = false;
  }
  let text;
  if (result.correct) text = "Richtig.";
  else if (result.score > 0) text = `Teilweise richtig: ${points(result.score)} von 1 Punkt.`;
  else text = "Leider nicht richtig.";
  if (!result.correct && result.wrong.length) text += " Die Hinweise an den markierten Stellen helfen weiter.";
  if (result.missed) text += ` ${result.missed === 1 ? "Eine richtige Antwort fehlt" : `${result.missed} richtige Antworten fehlen`} noch.`;
  status.textContent = text;
  form.querySelector("[data-action=retry]").hidden = result.correct; // graded types always have it
  const details = form.querySelector(".ck-solution");
  if (details && result.correct) details.open = true;
}

// --- ordering: move buttons instead of drag and drop ---------------------------------------------

function setupOrdering(form) {
  const list = form.querySelector(".ck-ordering");
  if (!list) return;
  for (const li of list.children) {
    const text = li.querySelector(".ck-order-text").textContent.trim();
    const controls = document.createElement("span");
    controls.className = "ck-order-controls";
    const up = button("▲", "up", "ck-small");
    const down = button("▼", "down", "ck-small");
    up.setAttribute("aria-label", `„${text}“ nach oben`);
    down.setAttribute("aria-label", `„${text}“ nach unten`);
    controls.append(up, down);
    li.prepend(controls);
  }
  list.addEventListener("click", (event) => {
    const b = event.target.closest("button[data-action=up], button[data-action=down]");
    if (!b) return;
    const li = b.closest("li");
    const sibling = b.dataset.action === "up" ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) return;
    if (b.dataset.action === "up") list.insertBefore(li, sibling);
    else list.insertBefore(sibling, li);
    b.focus();
    const position = [...list.children].indexOf(li) + 1;
    form.querySelector(".ck-status").textContent = `„${li.querySelector(".ck-order-text").textContent.trim()}“ steht jetzt an Position ${position} von ${list.children.length}.`;
  });
}

// --- one quiz ---------------------------------------------------------------------------------------

function updateScore(section, data, state) {
  const result = quizResult(data.questions, state.quizzes[data.quiz], data.threshold);
  const out = section.querySelector(".ck-score");
  if (result.answered === 0) {
    out.textContent = "";
    return;
  }
  const verdict = result.passed ? "bestanden" : `noch nicht bestanden (ab ${percent(data.threshold)})`;
  out.textContent = `Ihr Ergebnis: ${points(result.points)} von ${result.total} Punkten (${percent(result.share)}), ${result.answered} von ${result.total} Fragen beantwortet – ${verdict}.`;
}

export function initQuiz(section, state, notify) {
  if (section.dataset.ready) return;
  section.dataset.ready = "1";
  const data = JSON.parse(section.querySelector(".ck-quiz-data").textContent);
  const specs = new Map(data.questions.map((q) => [q.id, q]));
  let dropped = 0;
  for (const form of section.querySelectorAll(".ck-question")) {
    const spec = specs.get(form.dataset.question);
    const actions = form.querySelector(".ck-actions");
    if (spec.type === "reflection") actions.append(button("Speichern", "check"));
    else actions.append(button("Antwort prüfen", "check"), button("Nochmal versuchen", "retry"), button("Lösung zeigen", "solution"));
    actions.hidden = false;
    setupOrdering(form);
    clearFeedback(form);
    const { entry, dropped: wasDropped } = entryFor(state, data.quiz, spec);
    if (wasDropped) dropped += 1;
    if (entry) {
      restoreAnswer(form, spec, entry.answer);
      if (entry.checked) {
        const result = score(spec, entry.answer);
        if (result) showFeedback(form, spec, result);
      }
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answer = readAnswer(form, spec);
      const result = score(spec, answer);
      if (!result) {
        clearFeedback(form);
        form.querySelector(".ck-status").textContent = spec.type === "matching" ? "Bitte ordnen Sie zuerst jedem Begriff etwas zu." : "Bitte geben Sie zuerst eine Antwort.";
        return;
      }
      setEntry(state, data.quiz, spec.id, { hash: spec.hash, answer, score: result.score, checked: true });
      if (!save(state)) notify("Ihre Antwort konnte in diesem Browser nicht gespeichert werden.");
      showFeedback(form, spec, result);
      updateScore(section, data, state);
    });
    form.addEventListener("click", (event) => {
      const action = event.target.closest("button")?.dataset.action;
      if (action === "retry") {
        clearFeedback(form);
        form.querySelector(".ck-status").textContent = "Neuer Versuch: Ändern Sie Ihre Antwort und prüfen Sie erneut.";
        form.querySelector("input, select, textarea, .ck-order-controls button")?.focus();
      } else if (action === "solution") {
        const details = form.querySelector(".ck-solution");
        details.open = true;
        details.querySelector("summary").focus();
      }
    });
  }
  if (dropped) notify(`${dropped === 1 ? "Eine Frage wurde" : `${dropped} Fragen wurden`} seit Ihrem letzten Besuch überarbeitet; Ihre frühere Antwort darauf wurde verworfen. Alle anderen Antworten sind erhalten.`);
  if (dropped) save(state);
  updateScore(section, data, state);
}
