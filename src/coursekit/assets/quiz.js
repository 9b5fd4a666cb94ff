// Interactive quizzes: check answers, show feedback, keep answers in the browser.
// The first check of a question counts; later checks only teach. Showing the solution before the
// first check settles the question with 0 points. All feedback is already in the page (rendered by
// the build); this script only shows and hides it.
import { UNGRADED, afterCheck, afterReveal, firstTry, quizResult, score } from "./score.js";
import { entryFor, save, setEntry } from "./store.js";

const percent = (share) => `${Math.round(share * 100)} %`;
const points = (value) => String(Math.round(value * 100) / 100).replace(".", ",");
const pointWord = (value) => (value === 1 ? "Punkt" : "Punkten");

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
    case "task":
      return {
        product: form.querySelector("textarea").value.trim(),
        ratings: inputs(".ck-criterion").map((c) => c.querySelector("input:checked")?.value ?? null),
      };
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
    case "task":
      form.querySelector("textarea").value = answer.product ?? "";
      form.querySelectorAll(".ck-criterion").forEach((c, i) => {
        for (const input of c.querySelectorAll("input")) input.checked = input.value === answer.ratings?.[i];
      });
      break;
    default: {
      const field = form.querySelector("input[type=text], textarea");
      if (field) field.value = answer;
    }
  }
}

// --- feedback ------------------------------------------------------------------------------------

// Removes marks and feedback of an earlier check; true if there was any.
function clearMarks(form) {
  const shown = form.matches(".ck-right, .ck-wrong, .ck-partial") || form.querySelector(".ck-fb:not([hidden])") !== null;
  form.classList.remove("ck-right", "ck-wrong", "ck-partial");
  for (const el of form.querySelectorAll(".ck-option")) el.classList.remove("ck-option-right", "ck-option-wrong");
  for (const fb of form.querySelectorAll(".ck-fb")) fb.hidden = true;
  return shown;
}

function optionElement(form, spec, key) {
  if (spec.type === "ordering") return form.querySelector(`.ck-order-item[data-key="${key}"]`);
  return form.querySelector(`.ck-option[data-index="${key}"]`);
}

// What counts, told after the verdict when it differs from this check.
function countingNote(entry, result) {
  const first = firstTry(entry);
  if (entry.revealed) return " Für Ihr Ergebnis zählt diese Frage mit 0 Punkten, weil Sie die Lösung vor dem ersten Prüfen angesehen haben.";
  if (first !== null && first !== result.score) return ` Für Ihr Ergebnis zählt der erste Versuch: ${points(first)} von 1 Punkt.`;
  return "";
}

function showFeedback(form, spec, result, entry) {
  clearMarks(form);
  const status = form.querySelector(".ck-status");
  if (spec.type === "reflection") {
    status.textContent = "Gespeichert. Ihre Antwort steht auch in Ihrem Lernjournal unter „Mein Fortschritt“.";
    return;
  }
  if (spec.type === "task") {
    const open = entry.answer.ratings.filter((r) => r === null).length;
    status.textContent = `Gespeichert. Ihr Entwurf und Ihre Selbsteinschätzung stehen auch in Ihrem Lernjournal unter „Mein Fortschritt“.${open ? ` Noch nicht eingeschätzt: ${open} von ${spec.criteria} Kriterien.` : ""}`;
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
    const picked = [].concat(entry.answer);
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
  if (!result.correct) text += " Ändern Sie Ihre Antwort und prüfen Sie erneut, oder sehen Sie sich die Lösung an.";
  status.textContent = text + countingNote(entry, result);
  const details = form.querySelector(".ck-solution");
  if (details && result.correct) details.open = true;
}

function showRevealed(form) {
  form.classList.add("ck-revealed");
  form.querySelector(".ck-status").textContent =
    "Lösung angesehen: Diese Frage zählt mit 0 Punkten. Sie können trotzdem antworten und prüfen, um zu üben.";
}

// --- ordering: move buttons instead of drag and drop ---------------------------------------------

function setupOrdering(form, onMove) {
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
    onMove();
    const position = [...list.children].indexOf(li) + 1;
    form.querySelector(".ck-status").textContent = `„${li.querySelector(".ck-order-text").textContent.trim()}“ steht jetzt an Position ${position} von ${list.children.length}.`;
  });
}

// --- where the learner stands, and the way on ------------------------------------------------------

function updateScore(section, data, state) {
  const result = quizResult(data.questions, state.quizzes[data.quiz], data.threshold);
  const standing = section.querySelector(".ck-quiz-progress");
  const one = result.items === 1; // with a task, a single item is that task
  const what = data.questions.some((q) => q.type === "task") ? (one ? "Aufgabe" : "Fragen und Aufgaben") : one ? "Frage" : "Fragen";
  standing.textContent = `Stand: ${result.done} von ${result.items} ${what} bearbeitet.`;
  standing.hidden = false;
  const out = section.querySelector(".ck-score");
  if (result.answered === 0) out.textContent = "";
  else {
    const verdict = result.passed ? "bestanden" : `noch nicht bestanden (ab ${percent(data.threshold)})`;
    const counted = `${points(result.points)} von ${result.total} ${pointWord(result.total)} (${percent(result.share)})`;
    const head =
      Math.abs(result.current - result.points) > 1e-9
        ? `Erster Versuch: ${counted} · jetzt: ${points(result.current)} von ${result.total}`
        : `Ihr Ergebnis: ${counted}`;
    const revealed = result.revealed
      ? ` ${result.revealed === 1 ? "Eine Lösung haben" : `${result.revealed} Lösungen haben`} Sie vor dem ersten Prüfen angesehen (0 Punkte).`
      : "";
    out.textContent = `${head}, ${result.answered} von ${result.total} ${result.total === 1 ? "Frage" : "Fragen"} beantwortet – ${verdict}.${revealed}`;
  }
  showNext(section, result.passed && result.total > 0);
}

// The way on once the quiz is passed: the build wrote the link to the next module (or, after the
// last one, to the progress page) into the quiz; it shows only when passed.
function showNext(section, passed) {
  const box = section.querySelector(".ck-next");
  box.hidden = !(passed && box.querySelector("a"));
}

// --- one quiz ---------------------------------------------------------------------------------------

function setupQuestion(form, spec, context) {
  const { section, data, state, notify } = context;
  const graded = !UNGRADED.has(spec.type);
  const status = form.querySelector(".ck-status");
  const actions = form.querySelector(".ck-actions");
  const entry = () => state.quizzes[data.quiz]?.[spec.id];
  const store = (next) => {
    setEntry(state, data.quiz, spec.id, next);
    if (!save(state)) notify("Ihre Antwort konnte in diesem Browser nicht gespeichert werden.");
    updateScore(section, data, state);
  };
  if (spec.type === "reflection") actions.append(button("Speichern", "check"));
  else if (spec.type === "task") actions.append(button("Speichern", "check"), button("Für Peer-Feedback exportieren", "export"));
  else actions.append(button("Antwort prüfen", "check"));
  actions.hidden = false;
  // An answer changed after a check: its marks no longer apply.
  const edited = () => {
    if (clearMarks(form)) status.textContent = "Antwort geändert. Prüfen Sie sie erneut, um eine neue Rückmeldung zu erhalten.";
    else if (!graded) status.textContent = ""; // "Gespeichert." no longer holds
  };
  setupOrdering(form, edited);
  form.addEventListener("input", edited);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answer = readAnswer(form, spec);
    const result = score(spec, answer);
    if (!result) {
      clearMarks(form);
      status.textContent =
        spec.type === "matching" ? "Bitte ordnen Sie zuerst jedem Begriff etwas zu."
        : spec.type === "task" ? "Bitte schreiben Sie zuerst Ihren Entwurf oder schätzen Sie ein Kriterium ein."
        : "Bitte geben Sie zuerst eine Antwort.";
      return;
    }
    const next = afterCheck(entry(), spec.hash, answer, result);
    store(next);
    showFeedback(form, spec, result, next);
  });

  const details = form.querySelector(".ck-solution");
  details?.addEventListener("toggle", () => {
    if (!details.open || !graded || firstTry(entry()) !== null) return;
    store(afterReveal(entry(), spec.hash, readAnswer(form, spec)));
    showRevealed(form);
  });

  form.addEventListener("click", async (event) => {
    if (event.target.closest("button")?.dataset.action !== "export") return;
    const answer = readAnswer(form, spec);
    const result = score(spec, answer);
    if (result) store(afterCheck(entry(), spec.hash, answer, result));
    const { downloadTask } = await import("./task.js");
    const name = downloadTask(form, data.quiz, answer);
    status.textContent = `Die Datei „${name}“ wurde erstellt. Senden Sie sie Ihrer Lernpartnerin oder Ihrem Lernpartner; das Bewertungsraster steht darin.`;
  });

  const { entry: stored, dropped } = entryFor(state, data.quiz, spec);
  if (stored) {
    restoreAnswer(form, spec, stored.answer);
    const result = stored.checked ? score(spec, stored.answer) : null;
    if (result) showFeedback(form, spec, result, stored);
    else if (stored.revealed) showRevealed(form);
    if (stored.revealed && details) details.open = true;
  }
  if (details?.open && graded && firstTry(entry()) === null) {
    // opened before this script ran (it loads when the quiz comes near): counts like any reveal
    store(afterReveal(entry(), spec.hash, readAnswer(form, spec)));
    showRevealed(form);
  }
  return dropped;
}

export function initQuiz(section, state, notify) {
  if (section.dataset.ready) return;
  section.dataset.ready = "1";
  const data = JSON.parse(section.querySelector(".ck-quiz-data").content.textContent);
  const specs = new Map(data.questions.map((q) => [q.id, q]));
  const context = { section, data, state, notify };
  let dropped = 0;
  for (const form of section.querySelectorAll(".ck-question")) {
    if (setupQuestion(form, specs.get(form.dataset.question), context)) dropped += 1;
  }
  if (dropped) notify(`${dropped === 1 ? "Eine Frage wurde" : `${dropped} Fragen wurden`} seit Ihrem letzten Besuch überarbeitet; Ihre frühere Antwort darauf wurde verworfen. Alle anderen Antworten sind erhalten.`);
  if (dropped) save(state);
  updateScore(section, data, state);
  performance.mark("kurs:quiz"); // User Timing for `make bench` and the browser's performance panel
}
