// The DigCompEdu self-assessment page: a rating per competence (below its table of levels), the profile
// as a radar chart (inline SVG with title and description) and as a table, and the modules for the
// competences rated lowest. Ratings live in the progress store (store.js) and are exported with it.
import { rateCompetence, save, selfProfiles, startNewProfile } from "./store.js";

const SITE = new URL("../../", import.meta.url);
const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"];
const LEVEL_NAMES = ["Neuling", "Entdecken", "Integrieren", "Expertise", "Vorangehen", "Neues schaffen"];
const SVG = "http://www.w3.org/2000/svg";
const SIZE = 360;
const RADIUS = 120;

const levelText = (level) => (level === undefined ? "nicht eingeschätzt" : `${LEVELS[level]} ${LEVEL_NAMES[level]}`);
const dateText = (iso) => new Date(iso).toLocaleDateString("de-DE", { day: "numeric", month: "long", year: "numeric" });

function el(name, props = {}, ...children) {
  const node = document.createElement(name);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function svg(name, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

// Point on the axis of competence `index` of `count` at `share` (0..1) of the radius; the first axis points up.
function point(index, count, share) {
  const angle = (2 * Math.PI * index) / count - Math.PI / 2;
  return [SIZE / 2 + Math.cos(angle) * RADIUS * share, SIZE / 2 + Math.sin(angle) * RADIUS * share];
}

const polygon = (competences, share) => competences.map((c, i) => point(i, competences.length, share(c)).map((v) => v.toFixed(1)).join(",")).join(" ");

function radar(competences, now, before) {
  const count = competences.length;
  const rated = competences.filter((c) => now.ratings[c.code] !== undefined);
  const desc = [
    `Netzdiagramm mit ${count} Achsen, je eine Kompetenz, von der Mitte (nicht eingeschätzt) bis zum Rand (C2).`,
    `Aktuelle Einschätzung vom ${dateText(now.at ?? now.started)}: ${rated.length} von ${count} Kompetenzen eingeschätzt.`,
    before ? `Zum Vergleich gestrichelt die Einschätzung vom ${dateText(before.at ?? before.started)}.` : "",
    "Die Tabelle unter dem Diagramm enthält dieselben Werte.",
  ].join(" ");
  const chart = svg(
    "svg",
    { class: "ck-radar", viewBox: `0 0 ${SIZE} ${SIZE}`, role: "img", "aria-labelledby": "ck-radar-title ck-radar-desc" },
    svg("title", { id: "ck-radar-title" }, "Ihr Kompetenzprofil"),
    svg("desc", { id: "ck-radar-desc" }, desc),
  );
  for (let level = 1; level <= LEVELS.length; level += 1) {
    chart.append(svg("polygon", { class: "ck-radar-ring", points: polygon(competences, () => level / LEVELS.length) }));
  }
  competences.forEach((c, i) => {
    const [x, y] = point(i, count, 1);
    const [lx, ly] = point(i, count, 1.17);
    chart.append(svg("line", { class: "ck-radar-axis", x1: SIZE / 2, y1: SIZE / 2, x2: x, y2: y }));
    chart.append(svg("text", { class: "ck-radar-label", x: lx, y: ly, "text-anchor": "middle", "dominant-baseline": "middle" }, c.code));
  });
  const share = (profile) => (c) => (profile.ratings[c.code] === undefined ? 0 : (profile.ratings[c.code] + 1) / LEVELS.length);
  if (before) chart.append(svg("polygon", { class: "ck-radar-before", points: polygon(competences, share(before)) }));
  chart.append(svg("polygon", { class: "ck-radar-now", points: polygon(competences, share(now)) }));
  // A dot on each rated axis, so a single rating is visible too.
  competences.forEach((c, i) => {
    if (now.ratings[c.code] === undefined) return;
    const [x, y] = point(i, count, share(now)(c));
    chart.append(svg("circle", { class: "ck-radar-dot", cx: x.toFixed(1), cy: y.toFixed(1), r: 4 }));
  });
  return chart;
}

function profileTable(competences, now, before) {
  const head = el("tr", {}, el("th", { scope: "col", textContent: "Kompetenz" }), el("th", { scope: "col", textContent: `Jetzt (${dateText(now.at ?? now.started)})` }));
  if (before) head.append(el("th", { scope: "col", textContent: `Vorher (${dateText(before.at ?? before.started)})` }));
  const rows = competences.map((c) => {
    const row = el("tr", {}, el("th", { scope: "row", textContent: `${c.code} ${c.name}` }), el("td", { textContent: levelText(now.ratings[c.code]) }));
    if (before) row.append(el("td", { textContent: levelText(before.ratings[c.code]) }));
    return row;
  });
  return el("table", { className: "ck-selbst-table" }, el("caption", { textContent: "Ihr Profil als Tabelle" }), el("thead", {}, head), el("tbody", {}, ...rows));
}

// The modules for the competences rated lowest (all at the lowest rated level).
function recommendations(competences, now) {
  const rated = competences.filter((c) => now.ratings[c.code] !== undefined);
  const box = el("div", { className: "ck-selbst-next" }, el("h3", { id: "weiter-mit", textContent: "Womit Sie weitermachen können" }));
  if (!rated.length) {
    box.append(el("p", { textContent: "Sobald Sie Kompetenzen eingeschätzt haben, stehen hier die Module zu den Kompetenzen, die Sie am niedrigsten eingeschätzt haben." }));
    return box;
  }
  const lowest = Math.min(...rated.map((c) => now.ratings[c.code]));
  const weakest = rated.filter((c) => now.ratings[c.code] === lowest);
  box.append(el("p", { textContent: `Am niedrigsten haben Sie sich bei ${weakest.length === 1 ? "dieser Kompetenz" : "diesen Kompetenzen"} eingeschätzt (${levelText(lowest)}). Diese Module greifen sie auf:` }));
  const list = el("ul");
  for (const c of weakest) {
    const links = c.modules.map((m) => el("a", { href: new URL(m.url, SITE).href, textContent: `Modul ${m.number}: ${m.title}` }));
    const item = el("li", {}, el("strong", { textContent: `${c.code} ${c.name}: ` }));
    links.forEach((link, i) => item.append(...(i ? [", ", link] : [link])));
    list.append(item);
  }
  box.append(list);
  return box;
}

function ratingControls(heading, competence, current, onRate) {
  const name = `ck-selbst-${competence.code.replace(".", "-")}`;
  const fieldset = el("fieldset", { className: "ck-selbst-rating" }, el("legend", { textContent: `Ihre Einschätzung: ${competence.code} ${competence.name}` }));
  LEVELS.forEach((level, index) => {
    const input = el("input", { type: "radio", name, value: String(index), checked: current === index });
    input.addEventListener("change", () => onRate(competence.code, index));
    fieldset.append(el("label", {}, input, ` ${level} ${LEVEL_NAMES[index]}`));
  });
  // Below the table of levels (mkdocs-material wraps tables in scroll containers), before the next heading.
  let block = heading.nextElementSibling;
  const isTable = (node) => node.matches("table") || node.querySelector("table");
  while (block && !isTable(block) && !/^H[1-3]$/.test(block.tagName)) block = block.nextElementSibling;
  (block && isTable(block) ? block : heading).after(fieldset);
}

function renderProfile(host, competences, state) {
  const profiles = selfProfiles(state);
  const now = profiles.at(-1) ?? { started: new Date().toISOString(), ratings: {} };
  const before = profiles.length > 1 ? profiles.at(-2) : null;
  const rated = competences.filter((c) => now.ratings[c.code] !== undefined).length;
  const status = host.querySelector(".ck-selbst-status");
  status.textContent = `Sie haben ${rated} von ${competences.length} Kompetenzen eingeschätzt${before ? "; gestrichelt sehen Sie Ihre vorige Einschätzung" : ""}.`;
  host.querySelector(".ck-selbst-view").replaceChildren(
    el("figure", { className: "ck-radar-figure" }, radar(competences, now, before), el("figcaption", { textContent: before ? "Durchgezogen: jetzt · gestrichelt: vorher" : "Ihr Profil: je weiter außen, desto höher die Stufe" })),
    profileTable(competences, now, before),
    recommendations(competences, now),
  );
  host.querySelector(".ck-selbst-new").hidden = rated === 0;
}

export async function initSelfAssessment(placeholder, getState, setState) {
  if (placeholder.dataset.ready) return;
  placeholder.dataset.ready = "1";
  const response = await fetch(new URL("assets/coursekit/kompetenzen.json", SITE));
  const { competences } = response.ok ? await response.json() : { competences: [] };
  const article = placeholder.closest("article") ?? document;
  const host = el(
    "section",
    { className: "ck-selbst" },
    el("p", { className: "ck-selbst-status" }),
    el("div", { className: "ck-selbst-view" }),
  );
  host.querySelector(".ck-selbst-status").setAttribute("role", "status");
  const again = el("button", { type: "button", className: "md-button ck-selbst-new", textContent: "Neue Einschätzung beginnen" });
  const hint = el("p", { className: "ck-selbst-hint", textContent: "Eine neue Einschätzung beginnt leer; die bisherige bleibt zum Vergleich erhalten." });
  host.append(el("p", {}, again), hint);
  placeholder.replaceWith(host);
  const onRate = (code, level) => {
    const state = getState();
    rateCompetence(state, code, level);
    save(state);
    setState(state);
    renderProfile(host, competences, state);
  };
  for (const competence of competences) {
    const heading = article.querySelector(`#kompetenz-${competence.code.replace(".", "-")}`);
    if (!heading) continue;
    const current = selfProfiles(getState()).at(-1)?.ratings[competence.code];
    ratingControls(heading, competence, current, onRate);
  }
  again.addEventListener("click", () => {
    const state = getState();
    startNewProfile(state);
    save(state);
    setState(state);
    for (const input of article.querySelectorAll(".ck-selbst-rating input")) input.checked = false;
    renderProfile(host, competences, state); // the status line (role=status) announces the fresh start
  });
  renderProfile(host, competences, getState());
}
