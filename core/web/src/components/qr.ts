// A QR code drawn here from uqr's module matrix: one SVG path, black on a
// white quiet zone, so no image has to come from anywhere.
import { html, svg } from 'lit';
import { encode } from 'uqr';

export function qrCode(text: string, label: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => {
    // Runs of dark modules become one rectangle each: a far shorter path.
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  });
  return html`<svg class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label=${label} shape-rendering="crispEdges">
    ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
  </svg>`;
}
