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

// Served by the workshop service (make workshop) to the logged-in facilitator: live results on the
// poll slides. The plain static site never sets this cookie, so the slides stay as they are; the
// speaker view's preview frames (?receiver) leave the live connection to the deck itself.
{
  const workshop = document.cookie.split("; ").includes("ck_workshop=1");
  if (workshop && !/receiver/.test(location.search) && document.querySelector("[data-ck-poll]")) {
    const live = document.createElement("script");
    live.type = "module";
    live.src = "/_workshop/static/slidepoll.js";
    document.head.append(live);
  }
}
