// Entry point: runs on every page, also after mkdocs-material's instant navigation.
// The progress view starts at once; quizzes and exercises start when they come within a screen of the
// viewport or receive focus. Pages without a quiz load no quiz code (plugin/preload.py names what a page
// with one preloads).

let state = null;
let watchers = [];

// The modules this page needs first, requested as soon as this script runs (when the page has been
// parsed): mkdocs-material announces the page (document$) only after its own start, and an import begun
// then waited behind that start (0.05-0.25 s each on a 2-core laptop). A quiz page preloads quiz.js
// anyway (plugin/preload.py, the same modules); when the quiz starts is still decided in start().
for (const name of ["./store.js", "./standing.js"]) import(name).catch(() => {});
if (document.querySelector(".ck-quiz")) import("./quiz.js").catch(() => {});
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

async function loadState() {
  const { load } = await import("./store.js");
  const loaded = load();
  state = loaded.state;
  if (loaded.notice) notify(loaded.notice);
}

async function startQuizzes(quizzes) {
  const { initQuiz } = await import("./quiz.js");
  for (const section of quizzes) initQuiz(section, state, notify);
}

async function startExercises(exercises) {
  const { initExercise } = await import("./runner.js");
  for (const section of exercises) initExercise(section, state);
}

function whenNear(elements, run) {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    watcher.disconnect();
    run();
  };
  const watcher = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: "100% 0px" });
  watchers.push(watcher);
  // Already within a screen (a link to the quiz, a reload further down): start now, not after the
  // observer's first report, which waits for the next frame while the theme is still starting up.
  const height = window.innerHeight;
  if (elements.some((el) => { const box = el.getBoundingClientRect(); return box.bottom > -height && box.top < 2 * height; })) {
    go();
    return;
  }
  for (const element of elements) {
    watcher.observe(element);
    element.addEventListener("focusin", go, { once: true });
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
  let loading = null; // the stored state is read once per page, for quizzes and the progress view alike
  const ready = () => (loading ??= loadState());
  // Every page: remember the module page seen last, and show the learner's standing in the navigation.
  ready().then(async () => {
    const module = document.querySelector(".ck-facts[data-module]")?.dataset.module;
    if (module) {
      const { save, setVisited } = await import("./store.js");
      setVisited(state, module);
      save(state);
    }
    const { showStanding } = await import("./standing.js");
    await showStanding(state);
  }).catch((error) => console.warn("Kursfortschritt in der Navigation nicht verfügbar:", error)); // the page works without
  if (quizzes.length) whenNear(quizzes, () => ready().then(() => startQuizzes(quizzes)));
  if (exercises.length) {
    // Python boots at once, in its worker, while the learner reads: a click on "Ausführen" then costs
    // only the run. Waiting for the page to be idle cost about 0.15 s and saved the page nothing (the
    // worker fetches and compiles off the main thread). The editors come when an exercise is within a screen.
    import("./runner.js").then((runner) => runner.bootPython().ready.then(startSearch, startSearch));
    whenNear(exercises, () => ready().then(() => startExercises(exercises)));
  } else afterLoad(startSearch);
  const selfAssessment = document.querySelector("p.ck-selbst"); // the self-assessment page (selbst.js)
  if (selfAssessment) {
    ready().then(async () => {
      const { initSelfAssessment } = await import("./selbst.js");
      await initSelfAssessment(selfAssessment, () => state, (next) => {
        state = next;
      });
    });
  }
  if (progress.length) {
    await ready();
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
