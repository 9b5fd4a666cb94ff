// Entry point: runs on every page, also after mkdocs-material's instant navigation.
import { initProgress } from "./progress.js";
import { initQuiz } from "./quiz.js";
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

function start() {
  const loaded = load();
  state = loaded.state;
  if (loaded.notice) notify(loaded.notice);
  for (const section of document.querySelectorAll(".ck-quiz")) initQuiz(section, state, notify);
  for (const section of document.querySelectorAll(".ck-progress")) {
    initProgress(section, () => state, (next) => {
      state = next;
    });
  }
}

if (window.document$) window.document$.subscribe(start);
else start();
