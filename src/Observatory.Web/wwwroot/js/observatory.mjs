// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();

// The evidence list's filters, after the Ministry of Justice filter pattern. Without JavaScript a "Filter" link
// leads down to the filters after the results. With it, the link becomes a "Show filters" / "Hide filters" button
// that opens and closes the filters in place (aria-expanded says which); on a phone they start closed so the
// results come first, on a wide screen open beside them, and open whenever a filter has a problem to show.
for (const link of document.querySelectorAll('a[data-app-filter-toggle]')) {
  const panel = document.getElementById(link.getAttribute('href').slice(1));
  if (!panel) {
    continue;
  }
  const chosen = Number(link.dataset.chosen || 0);
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'filter-toggle';
  button.className = 'govuk-button govuk-button--secondary';
  button.setAttribute('aria-controls', panel.id);
  const show = (open) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = (open ? 'Hide filters' : 'Show filters') + (chosen > 0 ? ` (${chosen} chosen)` : '');
  };
  button.addEventListener('click', () => show(panel.hidden));
  link.replaceWith(button);
  const narrow = window.matchMedia('(max-width: 40.0525em)').matches;
  show(!narrow || panel.querySelector('.govuk-form-group--error') !== null);
}
