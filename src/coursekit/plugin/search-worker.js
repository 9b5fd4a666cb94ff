// The course's search worker: mkdocs-material's own worker, with stemming of the query.
// Material appends a wildcard to every query term, and lunr runs no pipeline on a term with a
// wildcard, so with a stemmed index "Netzwerken*" never meets the stem "netzwerk". Here each plain
// word of the query becomes its stem (the stemmer that built the index, when mkdocs.yml's
// search pipeline has one) before Material's worker sees it: "netzwerk*" then finds Netzwerk,
// Netzwerke, Netzwerken, Netzwerks and compounds such as Netzwerkanalyse.
let config = null;
let pipeline = null;

function stemmer() {
  if (pipeline || !config || config.lang.length !== 1 || !config.pipeline?.includes("stemmer")) return pipeline;
  const language = config.lang[0] === "en" ? self.lunr : self.lunr?.[config.lang[0]];
  if (!language?.stemmer) return null; // language files load with the index, before the first query
  pipeline = new self.lunr.Pipeline();
  if (config.pipeline.includes("trimmer") && language.trimmer) pipeline.add(language.trimmer);
  pipeline.add(language.stemmer);
  return pipeline;
}

function stem(word) {
  const [stemmed] = stemmer()?.runString(word.toLowerCase()) ?? [];
  return stemmed || word;
}

// The index is built once the page has started or the learner turns to the search, not while the
// page (and on exercise pages Python) is starting: building it takes about 0.7 s of processor time
// on a 2-core laptop, which they need then. The page says when, over a BroadcastChannel (course.js:
// "jetzt"); after WAIT_MS the index is built anyway. Material sends no query before the index is
// ready, so holding the setup message back delays nothing else.
const WAIT_MS = 5000;
const channel = self.BroadcastChannel ? new BroadcastChannel("kurs-suche") : null;
let held = null;

function release() {
  if (!held) return;
  const data = held;
  held = null;
  dispatchEvent(new MessageEvent("message", { data })); // to Material's listener, through the one below
}

channel?.addEventListener("message", ({ data }) => data === "jetzt" && release());

// Registered before Material's listener, so it sees each message first and rewrites a query in place.
addEventListener("message", (event) => {
  const message = event.data;
  if (message?.data?.config && channel && event.isTrusted) {
    // The setup message as the page sent it (a re-dispatched one is not trusted): held back.
    event.stopImmediatePropagation();
    held = message;
    channel.postMessage("wartet");
    setTimeout(release, WAIT_MS);
    return;
  }
  if (message?.data?.config) config = message.data.config; // the setup message with the index
  if (typeof message?.data !== "string") return; // only a query carries a string
  message.data = message.data.replace(/(^|\s)([\p{L}\p{N}]+)(?=\s|$)/gu, (_, space, word) => space + stem(word));
});

importScripts("__MATERIAL_WORKER__");
