// Starts a slide deck: keyboard navigation, speaker view (press S) with timer, all offline.
// Slides with much text shrink their type until they fit, so nothing is cut off on a projector.
/* global Reveal, RevealNotes */

function fit(slide) {
  const limit = Reveal.getConfig().height;
  let size = 100;
  slide.style.fontSize = "";
  while (slide.scrollHeight > limit && size > 50) {
    size -= 5;
    slide.style.fontSize = `${size}%`;
  }
}

Reveal.initialize({
  hash: true,
  controls: true,
  progress: true,
  slideNumber: "c/t",
  transition: "none",
  width: 1280,
  height: 720,
  plugins: [RevealNotes],
}).then(() => {
  fit(Reveal.getCurrentSlide());
  if (document.documentElement.classList.contains("reveal-print")) {
    document.querySelectorAll(".slides > section").forEach(fit);
  }
});
Reveal.on("slidechanged", (event) => fit(event.currentSlide));
