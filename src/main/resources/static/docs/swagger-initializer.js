// Darkroom's own Swagger UI start-up, in place of the webjar's (which shows an example API): the document is this
// server's /openapi.json. The API key typed here or on the page (kept in this tab's sessionStorage) is sent with the
// document's request and put into the Authorize dialog, so "Try it out" carries it too.
'use strict';

(function () {
  const KEY = 'darkroom.apiKey';
  const storedKey = () => sessionStorage.getItem(KEY) || '';
  const note = document.getElementById('key-note');
  document.getElementById('key').value = storedKey();

  const ui = SwaggerUIBundle({
    url: new URL('../openapi.json', window.location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // The public validator would be sent the document; nothing leaves this server.
    validatorUrl: null,
    requestInterceptor: (request) => {
      // Only the document itself: "Try it out" calls carry what the Authorize dialog holds.
      if (request.loadSpec && storedKey()) {
        request.headers.Authorization = 'Bearer ' + storedKey();
      }
      return request;
    },
    responseInterceptor: (response) => {
      if (response.status === 401 && response.url.endsWith('/openapi.json')) {
        note.textContent = 'This Darkroom needs an API key: enter it above.';
      }
      return response;
    },
    onComplete: () => {
      if (storedKey()) {
        ui.preauthorizeApiKey('apiKey', storedKey());
      }
    },
  });
  window.ui = ui;

  document.getElementById('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, document.getElementById('key').value.trim());
    // Loaded again with the key; onComplete then authorizes the operations with it.
    window.location.reload();
  });
})();
