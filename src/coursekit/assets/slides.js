// Starts a slide deck: keyboard navigation, speaker view (press S) with timer, all offline.
/* global Reveal, RevealNotes */
Reveal.initialize({
  hash: true,
  controls: true,
  progress: true,
  slideNumber: "c/t",
  transition: "none",
  plugins: [RevealNotes],
});
