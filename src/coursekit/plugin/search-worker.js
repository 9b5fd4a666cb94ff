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

// Registered before Material's listener, so it sees each message first and rewrites a query in place.
addEventListener("message", (event) => {
  const message = event.data;
  if (message?.data?.config) config = message.data.config; // the setup message with the index
  if (typeof message?.data !== "string") return; // only a query carries a string
  message.data = message.data.replace(/(^|\s)([\p{L}\p{N}]+)(?=\s|$)/gu, (_, space, word) => space + stem(word));
});

importScripts("__MATERIAL_WORKER__");
