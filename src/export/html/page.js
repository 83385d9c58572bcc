'use strict';
// The review page's script (see src/export/html.rs). The beads come from the JSON embedded in
// the page; only a page of PAGE rows is in the DOM at a time. The review (statuses, edits,
// comments, merges, splits) is kept in localStorage under a hash of the data, and downloaded
// as the review sheet's CSV (`bitext convert` reads it).
(function () {
  const $ = (id) => document.getElementById(id);
  // Rows drawn at once: about ten screens, drawn in a few milliseconds.
  const PAGE = 200;
  // The weakest pairs listed beside the rows, and the documents listed (more are reached by
  // paging).
  const WEAKEST = 50;
  const DOC_LIST = 2000;
  const data = JSON.parse($('bitext-data').textContent);
  const KEY = 'bitext-review-' + JSON.parse($('bitext-hash').textContent);
  const [SRC, TGT] = data.languages;
  const docs = data.docs;

  // The beads in the sheet's order; `key` is the sheet's id (a split's second half takes one
  // between its neighbours', 12.5).
  let rows = [];
  docs.forEach((d, di) => {
    d.beads.forEach((b, i) => rows.push({ key: String(d.first + i), doc: di, s: b[0], t: b[1], k: b[2], sc: b[3] }));
    d.size = d.beads.length;
    d.beads = null;
  });
  const total = rows.length;

  let state = { fields: {}, ops: [] };
  try {
    const saved = localStorage.getItem(KEY);
    const kept = saved && JSON.parse(saved);
    if (kept && Array.isArray(kept.ops) && kept.fields && typeof kept.fields === 'object') state = kept;
  } catch (e) { /* no storage (private mode) or a damaged entry: the review starts afresh */ }
  for (const op of state.ops) structural(op);
  const byKey = () => new Map(rows.map((r, i) => [r.key, i]));
  {
    const at = byKey();
    for (const [key, f] of Object.entries(state.fields)) if (at.has(key)) Object.assign(rows[at.get(key)], f);
  }

  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
      $('saved').textContent = 'review kept in this browser';
    } catch (e) {
      $('saved').textContent = 'review NOT kept (' + e.name + '): download it';
    }
  }

  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const isPair = (r) => r.s.trim() !== '' && r.t.trim() !== '';
  // Colour bands below 0.5, 0.9 and 0.99 (viridis steps: told apart without colour vision too).
  const band = (sc) => sc === null ? 'bn' : sc < 0.5 ? 'b0' : sc < 0.9 ? 'b1' : sc < 0.99 ? 'b2' : 'b3';
  const score = (sc) => sc === null ? '' : sc.toFixed(4);
  const comment = (r) => r.c !== undefined ? r.c : docs[r.doc].comment;
  const counts = (k) => (k.match(/^(\d+)-(\d+)$/) || [0, 1, 1]).slice(1).map(Number);

  // Sentence boundaries a split may use: white space after . ! ? … and closing quotes.
  const sentences = (text) => text.trim() === '' ? [] : text.trim().split(/(?<=[.!?…][»"”’)\]]*)\s+(?=\S)/u);

  // A merge or split, replayed from storage or applied now.
  function structural(op) {
    const i = rows.findIndex((r) => r.key === op.key);
    if (i < 0) return;
    const r = rows[i];
    if (op.op === 'merge' && rows[i + 1]) {
      rows.splice(i, 2, { key: r.key, doc: r.doc, s: op.s, t: op.t, k: op.k, sc: op.sc });
    } else if (op.op === 'split') {
      const half = (key, [s, t, k]) => ({ key, doc: r.doc, s, t, k, sc: r.sc });
      rows.splice(i, 1, half(r.key, op.a), half(op.key2, op.b));
    }
  }

  // Which rows the slider and the filter let through.
  let view = [];
  let page = 0;
  function filter() {
    const max = parseFloat($('threshold').value);
    const show = $('show').value;
    view = rows.filter((r) => (r.sc === null || r.sc <= max) &&
      (show === 'all' || (show === 'todo' && !r.st) || (show === 'reviewed' && r.st) ||
        (show === 'unaligned' && !isPair(r))));
    $('shown').textContent = max.toFixed(2);
    const ok = rows.filter((r) => r.st === 'ok').length;
    const rejected = rows.filter((r) => r.st === 'reject').length;
    $('count').textContent = view.length + ' of ' + rows.length + ' beads shown (' + ok + ' ok, ' + rejected + ' rejected)';
  }

  function rowHtml(r) {
    const pair = isPair(r);
    const c = comment(r);
    const cls = [pair ? 'pair' : 'unaligned', r.st ? 'st-' + r.st : '', r.edited ? 'edited' : ''].join(' ');
    return '<tr id="b' + r.key + '" data-key="' + r.key + '" class="' + cls + '">' +
      '<td><a href="#b' + r.key + '">' + r.key + '</a></td>' +
      '<td lang="' + esc(SRC) + '">' + esc(r.s) + '</td><td lang="' + esc(TGT) + '">' + esc(r.t) + '</td>' +
      '<td>' + esc(r.k) + (pair ? '' : '<span class="left-out">left out of training formats</span>') + '</td>' +
      '<td class="s ' + band(r.sc) + '">' + score(r.sc) + '</td>' +
      '<td class="review"><button data-act="ok">ok</button> <button data-act="reject">reject</button> ' +
      '<button data-act="edit">edit</button> <button data-act="merge" title="merge with the next row">merge&#8595;</button> ' +
      '<button data-act="split">split</button>' + (c ? '<div class="comment">' + esc(c) + '</div>' : '') + '</td></tr>';
  }

  function docHtml(di, continued) {
    const d = docs[di];
    const sc = d.score === null ? '' : ' — document score ' + d.score.toFixed(4);
    const refused = d.refused ? ' <span class="refused">— not a translation of each other (left out of training formats)</span>' : '';
    return '<tr class="doc" id="d' + di + '"><th colspan="6">' + esc(d.name) + (continued ? ' (continued)' : '') + sc + refused + '</th></tr>';
  }

  function render() {
    const pages = Math.max(1, Math.ceil(view.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    const html = [];
    let doc = -1;
    for (const r of view.slice(page * PAGE, (page + 1) * PAGE)) {
      if (r.doc !== doc) html.push(docHtml(r.doc, doc === -1 && page > 0 && view[page * PAGE - 1].doc === r.doc));
      doc = r.doc;
      html.push(rowHtml(r));
    }
    document.querySelector('#rows tbody').innerHTML = html.join('');
    $('page').value = page + 1;
    $('page').max = pages;
    $('pages').textContent = pages;
  }

  // Goes to a row (`#b12`), a document (`#d3`) or a threshold (`#max=0.9`).
  function follow() {
    let hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { return; }
    const max = /^max=([0-9.]+)$/.exec(hash);
    if (max) {
      $('threshold').value = max[1];
      filter();
      page = 0;
      render();
      return;
    }
    const match = (r) => hash[0] === 'b' ? r.key === hash.slice(1) : hash[0] === 'd' && r.doc === Number(hash.slice(1));
    if (!/^[bd]/.test(hash) || !rows.some(match)) return;
    if (!view.some(match)) {
      $('threshold').value = 1;
      $('show').value = 'all';
      filter();
    }
    page = Math.floor(view.findIndex(match) / PAGE);
    render();
    const el = hash[0] === 'b' ? $(hash) : document.querySelector('#rows tr[data-key="' + view.find(match).key + '"]');
    // Below the sticky header (scroll-margin-top does not apply to table rows everywhere).
    const sticky = getComputedStyle($('top')).position === 'sticky' ? $('top').offsetHeight : 0;
    if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - sticky - 8);
  }

  function sidebar() {
    const weakest = [];
    for (const r of rows) {
      if (r.sc === null || (weakest.length === WEAKEST && r.sc >= weakest[WEAKEST - 1].sc)) continue;
      let at = weakest.findIndex((w) => w.sc > r.sc);
      if (at < 0) at = weakest.length;
      weakest.splice(at, 0, r);
      if (weakest.length > WEAKEST) weakest.pop();
    }
    $('summary').textContent = docs.length + ' document(s), ' + total + ' bead(s); the ' + weakest.length + ' lowest scores, weakest first:';
    $('weakest').innerHTML = weakest.map((r) => '<li><a href="#b' + r.key + '">' + score(r.sc) + '</a> ' +
      esc(docs[r.doc].name) + ' — ' + esc(r.k + ' ' + (r.s || r.t).slice(0, 84)) + '</li>').join('');
    $('documents').innerHTML = docs.slice(0, DOC_LIST).map((d, i) => '<li><a href="#d' + i + '">' + esc(d.name) +
      '</a> ' + d.size + ' bead(s)' + (d.score === null ? '' : ', ' + d.score.toFixed(2)) + (d.refused ? ' (not a translation)' : '') + '</li>').join('') +
      (docs.length > DOC_LIST ? '<li>… and ' + (docs.length - DOC_LIST) + ' more: page through the rows</li>' : '');
  }

  // The row's review fields, kept: the texts only when edited (local storage holds about
  // 5 MB for all the pages opened from files).
  function keep(r) {
    const f = { st: r.st || '' };
    if (r.edited) Object.assign(f, { edited: true, s: r.s, t: r.t });
    if (r.c !== undefined) f.c = r.c;
    state.fields[r.key] = f;
  }

  function refresh() {
    filter();
    render();
    save();
  }

  let current = null;
  const act = {
    ok(r) { r.st = r.st === 'ok' ? '' : 'ok'; keep(r); refresh(); },
    reject(r) { r.st = r.st === 'reject' ? '' : 'reject'; keep(r); refresh(); },
    edit(r) {
      current = r;
      $('edit-id').textContent = r.key;
      $('edit-source').value = r.s;
      $('edit-target').value = r.t;
      $('edit-comment').value = comment(r);
      $('editor').showModal();
    },
    merge(r) {
      const i = rows.indexOf(r);
      const n = rows[i + 1];
      if (!n || n.doc !== r.doc) { alert('Row ' + r.key + ' is the last of its document: nothing to merge it with.'); return; }
      const [a, b] = [counts(r.k), counts(n.k)];
      const join = (x, y) => [x, y].filter((t) => t.trim() !== '').join(' ');
      const scores = [r.sc, n.sc].filter((s) => s !== null);
      const op = { op: 'merge', key: r.key, s: join(r.s, n.s), t: join(r.t, n.t), k: (a[0] + b[0]) + '-' + (a[1] + b[1]),
        sc: scores.length ? Math.min(...scores) : null };
      const comments = [...new Set([comment(r), comment(n)].filter((c) => c))];
      delete state.fields[r.key];
      delete state.fields[n.key];
      state.ops.push(op);
      structural(op);
      const m = rows[i];
      if (comments.length) { m.c = comments.join(' / '); keep(m); }
      refresh();
    },
    split(r) {
      current = r;
      $('split-id').textContent = r.key;
      for (const [side, text] of [['source', r.s], ['target', r.t]]) {
        const parts = sentences(text);
        const options = [];
        for (let j = 0; j <= parts.length; j++) {
          const label = j === 0 ? 'all in the second row' : j === parts.length ? 'all in the first row'
            : 'after sentence ' + j + ': …' + parts[j - 1].slice(-40);
          options.push('<option value="' + j + '">' + esc(label) + '</option>');
        }
        $('split-' + side).innerHTML = options.join('');
        $('split-' + side).value = String(Math.ceil(parts.length / 2));
      }
      $('splitter').showModal();
    },
  };

  function saveEdit() {
    const r = current;
    const [s, t, c] = [$('edit-source').value, $('edit-target').value, $('edit-comment').value];
    if (s !== r.s || t !== r.t) r.edited = true;
    Object.assign(r, { s, t });
    if (c !== comment(r)) r.c = c;
    keep(r);
    refresh();
  }

  function saveSplit() {
    const r = current;
    const [ps, pt] = [sentences(r.s), sentences(r.t)];
    const [js, jt] = [Number($('split-source').value), Number($('split-target').value)];
    const part = (p, from, to) => p.slice(from, to).join(' ');
    const a = [part(ps, 0, js), part(pt, 0, jt), js + '-' + jt];
    const b = [part(ps, js), part(pt, jt), (ps.length - js) + '-' + (pt.length - jt)];
    if (!(a[0] || a[1]) || !(b[0] || b[1])) { alert('Each row must keep some text.'); return; }
    // The second half's sheet id lies between this row's and the next one's (12 and 13:
    // 12.5), so that the sheet sorted by id keeps the order and no id is given twice.
    const i0 = rows.indexOf(r);
    const next = rows[i0 + 1] ? Number(rows[i0 + 1].key) : Number(r.key) + 1;
    const op = { op: 'split', key: r.key, key2: String((Number(r.key) + next) / 2), a, b };
    const [st, c] = [r.st, r.c];
    delete state.fields[r.key];
    state.ops.push(op);
    structural(op);
    const i = rows.findIndex((x) => x.key === r.key);
    for (const half of [rows[i], rows[i + 1]]) {
      if (c !== undefined) half.c = c;
      half.st = st;
      keep(half);
    }
    refresh();
  }

  // The review sheet (src/export/csv.rs's columns), as `bitext convert` reads it. Cells a
  // spreadsheet would take for a formula get a leading ', which convert takes off.
  function sheet() {
    const guard = (text) => /^[=+\-@']/.test(text) ? "'" + text : text;
    const cell = (text) => /[",\r\n;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    const lines = [['id', 'doc', SRC, TGT, 'type', 'score', 'doc_score', 'status', 'comment'].map(cell).join(',')];
    for (const r of rows) {
      const d = docs[r.doc];
      lines.push([r.key, guard(d.name), guard(r.s), guard(r.t), r.k, score(r.sc),
        d.score === null ? '' : d.score.toFixed(4), r.st || '', guard(comment(r))].map(cell).join(','));
    }
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  }

  function download() {
    const blob = new Blob([sheet()], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    let name = location.pathname.split('/').pop() || 'review.html';
    try { name = decodeURIComponent(name); } catch (e) { /* a name with a stray %: as it is */ }
    a.download = name.replace(/\.html?$/i, '') + '.reviewed.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  }

  function go(to) { page = to; render(); window.scrollTo(0, 0); }

  $('source-head').textContent = $('edit-source-lang').textContent = $('split-source-lang').textContent = SRC;
  $('target-head').textContent = $('edit-target-lang').textContent = $('split-target-lang').textContent = TGT;
  $('threshold').addEventListener('input', () => { filter(); page = 0; render(); });
  $('show').addEventListener('change', () => { filter(); page = 0; render(); });
  $('prev').onclick = $('prev2').onclick = () => go(page - 1);
  $('next').onclick = $('next2').onclick = () => go(page + 1);
  $('page').addEventListener('change', () => go(Number($('page').value) - 1));
  $('download').onclick = download;
  $('editor').addEventListener('close', () => { if ($('editor').returnValue === 'save') saveEdit(); });
  $('splitter').addEventListener('close', () => { if ($('splitter').returnValue === 'save') saveSplit(); });
  document.querySelector('#rows tbody').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-act]');
    if (!button) return;
    const key = button.closest('tr').dataset.key;
    const r = rows.find((x) => x.key === key);
    if (r) act[button.dataset.act](r);
  });
  window.addEventListener('hashchange', follow);
  // Anchors land below the sticky header, whatever its height on this screen.
  const header = () => document.documentElement.style.setProperty('--header', ($('top').offsetHeight + 8) + 'px');
  window.addEventListener('resize', header);
  header();
  filter();
  sidebar();
  render();
  follow();
  window.bitextReady = performance.now();
})();
