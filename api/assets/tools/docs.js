// Starts Swagger UI (served from node_modules) on this server's OpenAPI document. Try-it-out
// calls go to this origin; Authorize takes an API key. No validator badge: it would call out.
(() => {
  const root = document.getElementById('swagger-ui');
  if (!root || !window.SwaggerUIBundle) return;
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.spec,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    layout: 'BaseLayout',
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    onComplete: () => root.setAttribute('data-ready', 'true'),
  });
})();
