// Draws a cluster's network with cytoscape (served by the UI itself from
// /static/, never a CDN). The element #graph names the JSON endpoint in
// data-graph-url (same origin). Node labels are set as text by cytoscape,
// never as HTML.
'use strict';
(function () {
  const box = document.getElementById('graph');
  if (!box || typeof cytoscape !== 'function') return;
  const url = box.getAttribute('data-graph-url');
  if (!url || url.charAt(0) !== '/' || url.charAt(1) === '/') return;
  const colours = { advert: '#1f77b4', image: '#2ca02c', phone: '#d62728', email: '#9467bd',
    postcode: '#8c564b', place: '#e377c2', wallet: '#7f7f7f', handle: '#bcbd22',
    bank_account: '#17becf', iban: '#ff7f0e' };
  fetch(url, { credentials: 'same-origin' })
    .then(function (r) { if (!r.ok) throw new Error('graph ' + r.status); return r.json(); })
    .then(function (g) {
      const elements = [];
      (g.nodes || []).forEach(function (n) {
        elements.push({ data: { id: String(n.id), label: String(n.label || ''),
          kind: String(n.kind || ''), href: String(n.href || '') } });
      });
      (g.edges || []).forEach(function (e, i) {
        elements.push({ data: { id: 'e' + i, source: String(e.source), target: String(e.target),
          kind: String(e.kind || '') } });
      });
      const cy = cytoscape({
        container: box, elements: elements,
        style: [
          { selector: 'node', style: { label: 'data(label)', 'font-size': 9,
            'background-color': function (n) { return colours[n.data('kind')] || '#999'; } } },
          { selector: 'edge', style: { width: 1, 'line-color': '#bbb' } }
        ],
        layout: { name: 'cose', animate: false }
      });
      box.setAttribute('data-nodes', String(cy.nodes().length));
      box.setAttribute('data-ready', 'true');
      cy.on('tap', 'node', function (evt) {
        const href = evt.target.data('href');
        if (href && href.charAt(0) === '/' && href.charAt(1) !== '/') window.location.assign(href);
      });
    })
    .catch(function (err) {
      box.setAttribute('data-error', String(err));
      box.textContent = 'The graph could not be drawn.';
    });
})();
