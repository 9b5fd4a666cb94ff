// Peer feedback for a practice task: the task, the learner's draft and the rubric as a Markdown file.
// Texts are read from the rendered page as plain text; nothing here becomes HTML.

const clean = (text) => text.replace(/\s+/g, " ").trim();

// Paragraphs and list items of a rendered block as Markdown-like plain text.
function plain(element) {
  if (!element) return "";
  const blocks = [];
  for (const child of element.children) {
    if (child.matches("ul, ol")) {
      const ordered = child.matches("ol");
      blocks.push([...child.children].map((li, i) => `${ordered ? `${i + 1}.` : "-"} ${clean(li.textContent)}`).join("\n"));
    } else if (!child.matches("summary, .ck-label")) blocks.push(clean(child.textContent));
  }
  return blocks.filter(Boolean).join("\n\n");
}

export function taskMarkdown(form, answer) {
  const labels = Object.fromEntries([...form.querySelectorAll(".ck-criterion")[0]?.querySelectorAll("label") ?? []].map((l) => [l.querySelector("input").value, clean(l.textContent)]));
  const criteria = [...form.querySelectorAll(".ck-criterion")].map((c, i) => {
    const rating = answer.ratings[i];
    return [
      `${i + 1}. **${clean(c.querySelector(".ck-criterion-text").textContent)}**`,
      `   ${clean(c.querySelector(".ck-fulfilled").textContent)}`,
      `   Meine Einschätzung: ${rating ? labels[rating] : "noch offen"}`,
      "   Rückmeldung: ",
    ].join("\n");
  });
  const peer = plain(form.querySelector(".ck-peer"));
  return [
    `# Praxisaufgabe: ${clean(form.querySelector(".ck-prompt").textContent)}`,
    `**Ihr Produkt:** ${plain(form.querySelector(".ck-product"))}`,
    "## Mein Entwurf",
    answer.product || "(noch leer)",
    "## Bewertungsraster",
    "Bitte schätzen Sie jedes Kriterium ein: erfüllt, teilweise oder noch nicht, und begründen Sie kurz.",
    criteria.join("\n\n"),
    ...(peer ? ["## Ablauf für das Peer-Feedback", peer] : []),
    `---\n\nAus dem Kurs „${clean(document.title)}“, exportiert am ${new Date().toLocaleDateString("de-DE")}.`,
  ].join("\n\n") + "\n";
}

// Starts the download and returns the file name.
export function downloadTask(form, quizId, answer) {
  const name = `praxisaufgabe-${quizId}-${form.dataset.question}.md`;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([taskMarkdown(form, answer)], { type: "text/markdown;charset=utf-8" }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return name;
}
