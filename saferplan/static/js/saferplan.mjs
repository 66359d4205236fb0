// Progressive enhancement only: every page works without this file.
import { initAll } from "../dist/js/govuk-frontend.min.js";

initAll();
