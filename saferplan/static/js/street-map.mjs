// The street map of hotspots: the server's points over OpenStreetMap tiles, drawn with
// Leaflet. An enhancement only: the server-drawn map and the tables work offline and without
// JavaScript, and this says plainly when the tiles cannot be reached.

const OFFLINE =
  "The street map needs an internet connection, and this browser is offline. " +
  "The map above shows the same points.";
const TILES_FAILED =
  "The street map's tiles could not be loaded (offline, or the tile server refused). " +
  "The points are drawn without streets; the map above shows the same points.";

function load(tag, attributes) {
  return new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement(tag), attributes);
    element.addEventListener("load", resolve);
    element.addEventListener("error", () => reject(new Error(`Could not load ${attributes.src || attributes.href}`)));
    document.head.append(element);
  });
}

async function leaflet(container) {
  if (!window.L) {
    await Promise.all([
      load("link", { rel: "stylesheet", href: container.dataset.leafletCss }),
      load("script", { src: container.dataset.leafletJs }),
    ]);
  }
  return window.L;
}

async function show(container) {
  const status = container.querySelector("[data-street-map-status]");
  const canvas = container.querySelector("[data-street-map-canvas]");
  const button = container.querySelector("[data-street-map-show]");
  if (!navigator.onLine) {
    status.textContent = OFFLINE;
    return;
  }
  button.disabled = true;
  status.textContent = "Loading the street map…";
  try {
    const [L, response] = await Promise.all([leaflet(container), fetch(container.dataset.points)]);
    if (!response.ok) throw new Error(`The points could not be read (${response.status})`);
    const points = await response.json();
    canvas.hidden = false;
    const map = L.map(canvas, { scrollWheelZoom: false });
    let tilesFailed = false;
    L.tileLayer(container.dataset.tiles, { attribution: container.dataset.attribution, maxZoom: 19 })
      .on("tileerror", () => {
        if (!tilesFailed) {
          tilesFailed = true;
          status.textContent = TILES_FAILED;
        }
      })
      .addTo(map);
    const largest = Math.max(1, ...points.features.map((f) => f.properties.count));
    const layer = L.geoJSON(points, {
      pointToLayer: (feature, latlng) =>
        L.circleMarker(latlng, {
          radius: 3 + 12 * Math.sqrt(feature.properties.count / largest),
          color: "#0b0c0c",
          weight: 1,
          fillColor: feature.properties.rank ? "#d4351c" : "#1d70b8",
          fillOpacity: 0.6,
        }),
      onEachFeature: (feature, marker) => {
        const { location, count, rank } = feature.properties;
        const records = `${count} record${count === 1 ? "" : "s"}`;
        marker.bindTooltip(`${rank ? `${rank}. ` : ""}${location}: ${records}`);
      },
    }).addTo(map);
    if (points.features.length) map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    else map.setView([51.75, -0.34], 10);
    if (!tilesFailed) status.textContent = `${points.features.length} map points drawn.`;
    button.remove(); // .govuk-button sets display, which would override `hidden`
  } catch (error) {
    status.textContent = `The street map could not be drawn: ${error.message}. The map above shows the same points.`;
    button.disabled = false;
  }
}

export function initStreetMaps() {
  for (const container of document.querySelectorAll("[data-street-map]")) {
    container.hidden = false;
    container.querySelector("[data-street-map-show]").addEventListener("click", () => show(container));
  }
}
