// Progressive enhancement only: every page works without this file.
import { initAll } from "../dist/js/govuk-frontend.min.js";

initAll();

// Content that htmx swaps in (the inline update form) gets GOV.UK Frontend's behaviour too:
// an error summary takes focus, radios and buttons work as on a full page.
document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.detail.elt });
});

// The hotspots page's street map (Leaflet), loaded only where there is one.
if (document.querySelector("[data-street-map]")) {
  import("./street-map.mjs").then(({ initStreetMaps }) => initStreetMaps());
}
