// The escaping `html` tag lives with the renderers in src/report; re-exported for the review report here.
export { esc, html, Html, join, raw, type Part } from '../../../report/html.js';
