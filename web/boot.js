// Runs before the page is first painted (a plain script in <head>, no
// inline script): sets the theme the reader chose and the view (Read or
// Present) the app will open on, so the first paint is in them, and says whether the first paint may show the prerendered title slide
// (index.html's #prerender, written by scripts/prerender.mjs): only when
// the app will open on it, in Read, in both languages with English first
// (the order of an English browser: the prerender's). A deep link, Present,
// the presenter window, one language or Chinese first show the plain
// loading message instead, never another slide's, view's or order's text.
(function () {
  'use strict';
  var html = document.documentElement;
  var hash = location.hash;
  var at = hash.indexOf('?');
  var query = at < 0 ? '' : hash.slice(at + 1);
  var slug = (/^#\/?([^/?]*)/.exec(hash) || ['', ''])[1];
  function param(k) {
    var m = new RegExp('(?:^|&)' + k + '=([^&]*)').exec(query);
    return m ? m[1] : null;
  }
  function stored(k) {
    try { return localStorage.getItem('llm-notes.' + k); } catch (_) { return null; }
  }
  var theme = param('theme') || stored('theme');
  if (theme === 'light' || theme === 'dark' || theme === 'contrast') html.setAttribute('data-theme', theme);
  // "Both" puts the browser's language first (deck::i18n::Lang::default).
  var first = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  var both = /^zh(?:[-_]|$)/i.test(first) ? 'zh-en' : 'en-zh';
  var lang = param('lang') || stored('lang') || both;
  if (lang === 'both') lang = both;
  var view = param('view');
  var wide = window.matchMedia && matchMedia('(min-width: 900px) and (orientation: landscape)').matches;
  var read = view ? view === 'read' : !wide;
  // The audience's view from the first paint on, so the app's first render
  // (which sets it again, ui::web::page::apply_page) moves nothing. (Not the
  // presenter window's nor the preview's: their layouts are the app's own.)
  if (!param('presenter') && !param('preview')) html.setAttribute('data-view', read ? 'read' : 'present');
  if (read && (slug === '' || slug === 'intro') && lang === 'en-zh' && !param('presenter') && !param('preview')) {
    html.setAttribute('data-boot', 'intro');
    html.setAttribute('data-view', 'read');
  }
})();
