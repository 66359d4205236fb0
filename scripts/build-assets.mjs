// Builds saferplan's front-end assets into saferplan/static/dist (not committed).
// GOV.UK Frontend is compiled from Sass so that we can drop the GDS Transport font:
// a council service is not on GOV.UK and may not use it.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "saferplan", "static", "dist");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = sass.compile(join(root, "saferplan", "static", "src", "saferplan.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "saferplan.css"), css.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(out, "js", "htmx.min.js"));
// Leaflet draws the optional street map of hotspots (only when the browser is online).
cpSync(join(root, "node_modules", "leaflet", "dist"), join(out, "leaflet"), { recursive: true });
cpSync(join(govuk, "assets", "images"), join(out, "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "manifest.json"));
console.log(`assets built in ${out}`);
