// The "Mein Fortschritt" page: scores per module, the learner's journal, export, import, reset.
import { isDone, quizResult } from "./score.js";
import { emptyState, exportText, mergeStates, parseImport, save } from "./store.js";

const percent = (share) => `${Math.round(share * 100)} %`;
const RATINGS = { erfuellt: "erfüllt", teilweise: "teilweise", offen: "noch nicht" };

// One line per quiz: its result, without repeating the module's name (the row names it).
function quizLine(quiz, result, named) {
  const line = document.createElement("div");
  line.className = "ck-quiz-line";
  let text;
  if (!result.total) text = "ohne Punkte";
  else if (!result.answered) text = "noch offen";
  else {
    text = `${percent(result.share)} der Punkte${result.passed ? " · bestanden" : ""}`;
    if (result.revealed) text += ` · Lösung angesehen bei ${result.revealed === 1 ? "einer Frage" : `${result.revealed} Fragen`} (0 Punkte)`;
  }
  const tasks = quiz.questions.filter((q) => q.type === "task");
  if (tasks.length) {
    const done = tasks.filter((q) => isDone(q, quiz.entries?.[q.id])).length;
    text += ` · Praxisaufgaben: ${done} von ${tasks.length} erledigt`;
  }
  line.textContent = named ? `${quiz.title} – ${text}` : text;
  return line;
}

function render(section, data, state) {
  let done = 0;
  let withQuiz = 0;
  let tasks = 0;
  let tasksDone = 0;
  for (const module of data.modules) {
    const row = section.querySelector(`tr[data-module="${CSS.escape(module.id)}"]`);
    const quizCell = row.querySelector('[data-cell="quizzes"]');
    const statusCell = row.querySelector('[data-cell="status"]');
    if (module.quizzes.length === 0) {
      quizCell.textContent = "kein Quiz";
      statusCell.textContent = "–";
      continue;
    }
    withQuiz += 1;
    const results = module.quizzes.map((q) => ({ quiz: { ...q, entries: state.quizzes[q.id] }, result: quizResult(q.questions, state.quizzes[q.id], q.threshold) }));
    quizCell.replaceChildren(...results.map(({ quiz, result }) => quizLine(quiz, result, results.length > 1)));
    for (const { quiz } of results) {
      for (const q of quiz.questions.filter((item) => item.type === "task")) {
        tasks += 1;
        if (isDone(q, quiz.entries?.[q.id])) tasksDone += 1;
      }
    }
    const passed = results.every(({ result }) => result.passed);
    const started = results.some(({ result }) => result.answered > 0 || result.done > 0);
    if (passed) done += 1;
    statusCell.textContent = passed ? "✔ abgeschlossen" : started ? "begonnen" : "noch nicht begonnen";
    row.classList.toggle("ck-done", passed);
  }
  const taskSummary = tasks ? ` Praxisaufgaben: ${tasksDone} von ${tasks} erledigt.` : "";
  section.querySelector(".ck-progress-summary").textContent = `${done} von ${withQuiz} Modulen mit Quiz abgeschlossen.${taskSummary}`;
  renderJournal(section, data, state);
}

function renderJournal(section, data, state) {
  const entries = [];
  for (const module of data.modules) {
    for (const quiz of module.quizzes) {
      for (const q of quiz.questions) {
        const entry = state.quizzes[quiz.id]?.[q.id];
        if (!entry || entry.hash !== q.hash) continue;
        if (q.type === "reflection" && entry.answer) entries.push({ module, q, entry });
        if (q.type === "task" && (entry.answer?.product || entry.answer?.ratings?.some(Boolean))) entries.push({ module, q, entry });
      }
    }
  }
  const journal = section.querySelector(".ck-journal");
  if (entries.length === 0) return;
  const list = document.createElement("dl");
  for (const { module, q, entry } of entries) {
    const term = document.createElement("dt");
    const link = document.createElement("a");
    link.href = module.url;
    link.textContent = `Modul ${module.number}`;
    term.append(link, q.type === "task" ? ` (Praxisaufgabe): ${q.prompt}` : `: ${q.prompt}`);
    const answer = document.createElement("dd");
    if (q.type === "task") {
      const draft = document.createElement("p");
      draft.className = "ck-journal-text";
      draft.textContent = entry.answer.product || "(noch kein Entwurf)";
      const ratings = document.createElement("ul");
      q.rubric.forEach((criterion, i) => {
        const item = document.createElement("li");
        item.textContent = `${criterion} – ${RATINGS[entry.answer.ratings?.[i]] ?? "noch nicht eingeschätzt"}`;
        ratings.append(item);
      });
      answer.append(draft, ratings);
    } else answer.textContent = entry.answer;
    list.append(term, answer);
  }
  journal.replaceChildren(list);
}

const answers = (n) => (n === 1 ? "1 Antwort" : `${n} Antworten`);

function importMessage({ added, replaced, kept }) {
  const parts = [];
  if (added) parts.push(`${answers(added)} neu übernommen`);
  if (replaced) parts.push(`${answers(replaced)} durch die neuere Fassung aus der Datei ersetzt`);
  if (kept) parts.push(`${answers(kept)} dieses Browsers behalten, weil sie neuer ${kept === 1 ? "ist" : "sind"}`);
  const detail = parts.length ? `${parts.join(", ")}.` : "Die Datei enthielt nichts Neues.";
  return `Der Fortschritt wurde importiert und mit dem Stand in diesem Browser zusammengeführt: ${detail} Alles andere bleibt unverändert.`;
}

export function initProgress(section, getState, setState) {
  if (section.dataset.ready) return;
  section.dataset.ready = "1";
  const data = JSON.parse(section.querySelector(".ck-progress-data").content.textContent);
  const message = section.querySelector(".ck-progress-message");
  render(section, data, getState());
  section.querySelector(".ck-progress-actions").hidden = false; // the buttons only work with this script

  section.querySelector("[data-action=export]").addEventListener("click", () => {
    const blob = new Blob([exportText(getState())], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `kurs-fortschritt-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    message.textContent = "Die Exportdatei wurde erstellt. Sie enthält Ihre Antworten und Ihre Änderungen an den Übungen, keine persönlichen Daten.";
  });

  section.querySelector("#ck-import").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    try {
      // Merged, never replaced: what only this browser holds stays; per answer the newer one wins.
      const { state, counts } = mergeStates(getState(), parseImport(await file.text()));
      setState(state);
      save(state);
      render(section, data, state);
      message.textContent = importMessage(counts);
    } catch (error) {
      message.textContent = `Import nicht möglich: ${error.message} Ihr bisheriger Fortschritt ist unverändert.`;
    }
    event.target.value = "";
  });

  section.querySelector("[data-action=reset]").addEventListener("click", () => {
    if (!window.confirm("Wirklich den gesamten Fortschritt in diesem Browser löschen? Exportieren Sie ihn vorher, wenn Sie ihn behalten möchten.")) return;
    const state = emptyState();
    setState(state);
    save(state);
    section.querySelector(".ck-journal").replaceChildren(Object.assign(document.createElement("p"), { textContent: "Noch keine Einträge." }));
    render(section, data, state);
    message.textContent = "Der Fortschritt wurde zurückgesetzt.";
  });
}
