// The offline copy: registers the service worker that the build writes
// (./sw.js, from scripts/service-worker.mjs; a relative URL, so it works at
// any host path) and, when a newer build's worker takes over this page, shows
// a notice with a reload button. A plain script file (no inline script), run
// after parsing (`defer`), independent of the app.
//
// Not registered:
// - from file:// (a service worker needs http or https; the single-file
//   build opens from a file and has no worker);
// - under automation (`navigator.webdriver`, as in the e2e tests), unless the
//   page is opened with `?sw=1` or `localStorage['llm-notes.sw']` is '1'.
(function () {
  'use strict';
  var sw = navigator.serviceWorker;
  if (!sw || (location.protocol !== 'https:' && location.protocol !== 'http:')) return;
  var asked = /(^|[?&])sw=1(&|$)/.test(location.search.slice(1));
  try {
    asked = asked || localStorage.getItem('llm-notes.sw') === '1';
  } catch (_) { /* storage refused: the query alone decides */ }
  if (navigator.webdriver && !asked) return;

  // The first worker takes over a page it did not serve (the same build):
  // nothing to reload. A later one is a newer build.
  var controlled = !!sw.controller;
  sw.addEventListener('controllerchange', function () {
    if (controlled) notice();
    controlled = true;
  });
  // After the page has loaded: the precache's downloads never compete with
  // the page's own.
  function register() {
    sw.register('./sw.js').catch(function (e) {
      console.warn('offline copy not available:', e && e.message);
    });
  }
  if (document.readyState === 'complete') register();
  else addEventListener('load', register);

  function el(tag, cls, parts) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    (parts || []).forEach(function (p) {
      if (typeof p === 'string') { e.appendChild(document.createTextNode(p)); return; }
      var s = document.createElement('span');
      s.lang = p[0];
      s.textContent = p[1];
      e.appendChild(s);
    });
    return e;
  }

  // Bilingual, labelled, first in the tab order; focus is not moved (the
  // speaker's keys keep driving the deck), and it never covers a blank screen.
  function notice() {
    if (document.querySelector('.sw-update')) return;
    var box = el('div', 'sw-update');
    box.setAttribute('role', 'status');
    box.setAttribute('aria-label', '新版本 / New version');
    box.setAttribute('data-testid', 'sw-update');
    box.appendChild(el('p', '', [['zh-CN', '本页有新版本。'], ' ', ['en', 'A new version of this page is ready.']]));
    var reload = el('button', 'btn', [['zh-CN', '重新加载'], ' / ', ['en', 'Reload']]);
    reload.type = 'button';
    reload.setAttribute('data-testid', 'sw-reload');
    reload.addEventListener('click', function () { location.reload(); });
    var later = el('button', 'btn', [['zh-CN', '稍后'], ' / ', ['en', 'Later']]);
    later.type = 'button';
    later.addEventListener('click', function () { box.remove(); });
    box.appendChild(reload);
    box.appendChild(later);
    document.body.insertBefore(box, document.body.firstChild);
  }
})();
