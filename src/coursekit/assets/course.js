// Entry point: runs on every page, also after mkdocs-material's instant navigation.
// The progress view starts at once; quizzes and exercises start when they come within a screen of the
// viewport or receive focus.
//
// What a page needs at its start comes with static imports: the learner's state, the standing in the
// menu and the quiz (about 5 KB gzip, minified, also on the few pages without a quiz). A dynamic import
// resolves only some tasks later, and on a first visit those waited behind the theme's start and its
// first frame: 50-130 ms on a 2-core laptop (measured with marks in the page). The rest (progress page,
// self-assessment, exercises) is imported when a page has it; plugin/preload.py says which of these
// a page announces in <head>.
import { load, save, setVisited } from "./store.js";
import { showStanding } from "./standing.js";
import { initQuiz } from "./quiz.js";

let state = null;
let watchers = [];

if (document.querySelector(".ck-progress")) import("./progress.js").catch(() => {});

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

function loadState() {
  const loaded = load();
  state = loaded.state;
  if (loaded.notice) notify(loaded.notice);
}

async function startExercises(exercises) {
  const { initExercise } = await import("./runner.js");
  for (const section of exercises) initExercise(section, state);
}

// The element the address's #fragment names, if any.
function linkedElement() {
  try {
    return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  } catch {
    return null; // a malformed escape
  }
}

function whenNear(elements, run) {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    watcher.disconnect();
    try {
      run();
    } catch (error) {
      console.error(error); // the rest of the page still starts
    }
  };
  const watcher = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: "100% 0px" });
  watchers.push(watcher);
  // Already within a screen (a link to the quiz, a reload further down): start now, not after the
  // observer's first report, which waits for the next frame while the theme is still starting up.
  // A link to a part of the page counts where it leads: the browser scrolls there only after that start.
  const height = window.innerHeight;
  const target = linkedElement();
  const top = target ? target.getBoundingClientRect().top : 0;
  if (elements.some((el) => { const box = el.getBoundingClientRect(); return box.bottom > top - height && box.top < top + 2 * height; })) {
    go();
    return;
  }
  for (const element of elements) {
    watcher.observe(element);
    // Reached with the keyboard: start now. With the pointer: after the click, which starting first
    // would take away from under the pointer (the quiz's buttons appear) and not see (a reveal counts).
    let pressed = false;
    element.addEventListener("pointerdown", () => (pressed = true), { once: true });
    element.addEventListener("focusin", () => pressed || go(), { once: true });
    element.addEventListener("click", go, { once: true });
  }
}

// The handout's print button: a button needs JavaScript, so it shows only where it works.
function wirePrint() {
  for (const button of document.querySelectorAll("button.ck-print")) {
    if (button.dataset.ready) continue;
    button.dataset.ready = "1";
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // On paper a link shows where it leads, as a full address.
  for (const link of document.querySelectorAll("a.ck-print-url")) link.dataset.printUrl = link.href;
  // A page the build prints to PDF (pdf.py) comes from a local server whose address means nothing on
  // paper: links into the course lead to its public address, or, when it has none, nowhere.
  const printed = new URLSearchParams(location.search);
  if (!printed.has("druck")) return;
  const address = printed.get("druck");
  const scope = String(window.__md_scope ?? new URL("/", location.href)); // the course's root (mkdocs-material)
  for (const link of document.querySelectorAll("a[href]")) {
    if (link.getAttribute("href").startsWith("#") || !link.href.startsWith(scope)) continue;
    if (address) {
      link.href = new URL(link.href.slice(scope.length), address.endsWith("/") ? address : `${address}/`).href;
      if (link.dataset.printUrl) link.dataset.printUrl = link.href;
    } else {
      link.removeAttribute("href");
      delete link.dataset.printUrl;
    }
  }
}

// Inside an LMS package the pages run in the frame of its launch page (lms-start.html): sentences
// saying that answers stay in this browser give way to their LMS wording (data-ck-lms-text).
function useLmsTexts() {
  if (window.frameElement?.id !== "ck-lms-course") return; // null for a frame of another origin
  for (const el of document.querySelectorAll("[data-ck-lms-text]")) el.textContent = el.dataset.ckLmsText;
}

// mkdocs-material's search index is built in its worker when this page says so (search-worker.js):
// when the learner turns to the search, else once the page has started (on pages with exercises,
// once Python has), so that building it does not slow that down.
const searchChannel = window.BroadcastChannel ? new BroadcastChannel("kurs-suche") : null;
let searchNow = false;

function startSearch() {
  if (searchNow) return;
  searchNow = true;
  searchChannel?.postMessage("jetzt");
}

searchChannel?.addEventListener("message", ({ data }) => data === "wartet" && searchNow && searchChannel.postMessage("jetzt"));
document.addEventListener("focusin", (event) => event.target.closest?.(".md-search") && startSearch());

function afterLoad(run) {
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 200));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

async function start() {
  // Facilitator pages get their own header colour (course.css); a class, because a page-wide :has() slowed
  // down parsing every page.
  document.body.classList.toggle("ck-facilitator-page", document.querySelector(".ck-facilitator-banner") !== null);
  wirePrint();
  useLmsTexts();
  for (const watcher of watchers) watcher.disconnect(); // quizzes of the previous page (instant navigation) are gone
  watchers = [];
  const quizzes = [...document.querySelectorAll(".ck-quiz")];
  const exercises = [...document.querySelectorAll(".ck-exercise")];
  const progress = document.querySelectorAll(".ck-progress");
  loadState(); // once per page, for quizzes and the progress view alike
  // Every page: remember the module page seen last, and show the learner's standing in the navigation.
  const module = document.querySelector(".ck-facts[data-module]")?.dataset.module;
  if (module) {
    setVisited(state, module);
    save(state);
  }
  showStanding(state).catch((error) => console.warn("Kursfortschritt in der Navigation nicht verfügbar:", error)); // the page works without
  if (quizzes.length) whenNear(quizzes, () => quizzes.forEach((section) => initQuiz(section, state, notify)));
  if (exercises.length) {
    // Python boots at once, in its worker, while the learner reads: a click on "Ausführen" then costs
    // only the run. Waiting for the page to be idle cost about 0.15 s and saved the page nothing (the
    // worker fetches and compiles off the main thread). The editors come when an exercise is within a screen.
    import("./runner.js").then((runner) => runner.bootPython().ready.then(startSearch, startSearch));
    whenNear(exercises, () => startExercises(exercises));
  } else afterLoad(startSearch);
  const selfAssessment = document.querySelector("p.ck-selbst"); // the self-assessment page (selbst.js)
  if (selfAssessment) {
    import("./selbst.js").then(({ initSelfAssessment }) =>
      initSelfAssessment(selfAssessment, () => state, (next) => {
        state = next;
      }),
    );
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
