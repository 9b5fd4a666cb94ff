// Entry point: runs on every page, also after mkdocs-material's instant navigation.
// The quiz and progress modules are imported only on pages that have a quiz or the progress view.
import { load } from "./store.js";

let state = null;

function notify(text) {
  const host = document.querySelector(".md-content__inner") ?? document.body;
  let box = host.querySelector(".ck-notice");
  if (!box) {
    box = document.createElement("div");
    box.className = "ck-notice admonition warning";
    box.setAttribute("role", "alert");
    host.prepend(box);
  }
  const line = document.createElement("p");
  line.textContent = text;
  box.append(line);
}

async function start() {
  const quizzes = document.querySelectorAll(".ck-quiz");
  const progress = document.querySelectorAll(".ck-progress");
  if (quizzes.length === 0 && progress.length === 0) return;
  const loaded = load();
  state = loaded.state;
  if (loaded.notice) notify(loaded.notice);
  if (quizzes.length) {
    const { initQuiz } = await import("./quiz.js");
    for (const section of quizzes) initQuiz(section, state, notify);
  }
  if (progress.length) {
    const { initProgress } = await import("./progress.js");
    for (const section of progress) {
      initProgress(section, () => state, (next) => {
        state = next;
      });
    }
  }
}

if (window.document$) window.document$.subscribe(start);
else start();
