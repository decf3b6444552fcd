// Starts the app (Trunk writes its file names into <meta name="llm-notes-start">,
// Trunk.toml's pattern_script): a plain module file, so no inline script is
// needed (a strict Content-Security-Policy allows it). When the first frame
// shows the prerendered title slide (web/boot.js), the wasm is fetched only
// after that frame is painted and reported, so it never waits for the
// download (a tab that is not shown starts at once); otherwise at once.
// The glue and the wasm download side by side.
const meta = document.querySelector('meta[name="llm-notes-start"]');
const url = (name) => new URL(meta.dataset[name], document.baseURI).href;
if (document.documentElement.hasAttribute('data-boot')) {
  await new Promise((ok) => {
    // Once the first paint is reported, its frame is on screen: the
    // download then cannot count toward it (Lighthouse's simulation counts
    // a request that ended before the paint was presented, and a frame's
    // callback comes before that). Where paint timing is missing, a frame
    // and a task. A tab that is not shown paints nothing: at once, or when
    // it is hidden before its paint. A slow first paint is waited for (a
    // short timer raced it on a loaded machine); 3 s bound the wait.
    if (document.visibilityState === 'hidden') {
      ok();
      return;
    }
    document.addEventListener('visibilitychange', ok, { once: true });
    if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      const started = performance.now();
      new PerformanceObserver((list, observer) => {
        observer.disconnect();
        // A paint before this script ran (a module runs once the document
        // is parsed) may be of part of the document: the parser yields and
        // the browser paints what it has, the slide's text a frame later.
        // Then the frame after the next one, which has all of it, is waited
        // for too (seen: a first paint of the toolbar at 184 ms, the
        // slide's paragraph at 244 ms).
        if (list.getEntries().some((e) => e.startTime < started)) {
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0)));
        } else {
          setTimeout(ok, 0);
        }
      }).observe({ type: 'paint', buffered: true });
    } else {
      requestAnimationFrame(() => setTimeout(ok, 0));
    }
    setTimeout(ok, 3000);
  });
}
const wasmResponse = fetch(url('wasm'));
const bindings = await import(url('js'));
const wasm = await bindings.default({ module_or_path: wasmResponse });
// The e2e tests call the exports (debug_panic) through this.
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
