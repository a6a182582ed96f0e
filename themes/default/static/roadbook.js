// roadbook: small progressive enhancements. Every page is complete without
// this file; it adds a search box, sortable tables, table filters and the
// full version switcher on archived pages.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // ---- Search: the index is a script, so it loads from file:// too. ----
  function setupSearch() {
    var nav = document.querySelector("header.top");
    if (!nav) return;
    var box = document.createElement("div");
    box.className = "search";
    box.setAttribute("role", "search");
    box.innerHTML = '<label for="rb-search" class="visually-hidden">Search the roadmap</label>' +
      '<input id="rb-search" type="search" placeholder="Search ids, titles, owners, tags" autocomplete="off">' +
      '<ul id="rb-results" class="results" hidden></ul>';
    nav.appendChild(box);
    var input = box.querySelector("input");
    var list = box.querySelector("ul");
    var loading = false;
    function load(then) {
      if (window.ROADBOOK_INDEX) return then();
      if (loading) return;
      loading = true;
      var s = document.createElement("script");
      s.src = root + "search-index.js";
      s.onload = function () { loading = false; then(); };
      document.head.appendChild(s);
    }
    function show() {
      var q = input.value.trim().toLowerCase();
      list.innerHTML = "";
      if (!q || !window.ROADBOOK_INDEX) { list.hidden = true; return; }
      var words = q.split(/\s+/);
      var hits = window.ROADBOOK_INDEX.filter(function (e) {
        var hay = (e.t + " " + e.i + " " + e.o + " " + e.g + " " + e.k).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) >= 0; });
      }).slice(0, 30);
      hits.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.u;
        a.textContent = e.t;
        var small = document.createElement("small");
        small.textContent = " " + e.k + (e.o ? " · " + e.o : "");
        li.appendChild(a);
        li.appendChild(small);
        list.appendChild(li);
      });
      if (!hits.length) {
        var none = document.createElement("li");
        none.textContent = "No match";
        list.appendChild(none);
      }
      list.hidden = false;
    }
    input.addEventListener("focus", function () { load(show); });
    input.addEventListener("input", function () { load(show); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; show(); }
      if (ev.key === "Enter") { var first = list.querySelector("a"); if (first) window.location.href = first.href; }
    });
  }

  // ---- Sortable tables: a button in every header cell. ----
  function cellValue(row, i) {
    var cell = row.children[i];
    if (!cell) return "";
    var text = cell.textContent.trim();
    var num = parseFloat(text.replace(/[^0-9.\-]/g, ""));
    if (/^-?[0-9.,]+\s*%?$/.test(text) && !isNaN(num)) return num;
    return text.toLowerCase();
  }
  function makeSortable(table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body || body.rows.length < 2) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (c) { c.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i);
          var r = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  // ---- Filters above tables: a text box on long tables, and a drop-down
  // for each column a list names in data-filters (type, status...). ----
  function makeFilterable(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var columns = (table.getAttribute("data-filters") || "").split(" ").filter(Boolean);
    var long = body.rows.length >= 12;
    if (!long && (columns.length === 0 || body.rows.length < 2)) return;
    var bar = document.createElement("div");
    bar.className = "table-filters";
    var input = null;
    var selects = [];
    function cellText(row, column) {
      var c = row.cells[Number(column) + 1];
      return c ? c.textContent.trim() : "";
    }
    function apply() {
      var q = input ? input.value.trim().toLowerCase() : "";
      Array.prototype.forEach.call(body.rows, function (r) {
        var show = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        selects.forEach(function (s) {
          if (s.value && cellText(r, s.getAttribute("data-column")) !== s.value) show = false;
        });
        r.hidden = !show;
      });
    }
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    columns.forEach(function (column) {
      var values = {};
      Array.prototype.forEach.call(body.rows, function (r) { values[cellText(r, column)] = true; });
      var names = Object.keys(values).filter(Boolean).sort();
      if (names.length < 2) return;
      var head = heads[Number(column) + 1];
      var label = head ? head.textContent.trim() : "Column";
      var select = document.createElement("select");
      select.className = "table-filter";
      select.setAttribute("data-column", column);
      select.setAttribute("aria-label", "Filter by " + label.toLowerCase());
      var all = document.createElement("option");
      all.value = "";
      all.textContent = label + ": all";
      select.appendChild(all);
      names.forEach(function (n) {
        var o = document.createElement("option");
        o.value = n;
        o.textContent = label + ": " + n;
        select.appendChild(o);
      });
      select.addEventListener("change", apply);
      selects.push(select);
      bar.appendChild(select);
    });
    if (long) {
      input = document.createElement("input");
      input.type = "search";
      input.className = "table-filter";
      input.placeholder = "Filter this table";
      input.setAttribute("aria-label", "Filter this table");
      input.addEventListener("input", apply);
      bar.appendChild(input);
    }
    if (bar.firstChild) table.parentNode.insertBefore(bar, table);
  }
  // ---- Version switcher on archived pages. ----
  // An archived page names only the working tree and itself, so it never
  // changes when snapshots are added; the root's versions.js lists them all,
  // with the pages each one lacks, to land on the same page when it exists.
  function setupVersions() {
    var nav = document.querySelector("nav.versions[data-page]");
    var data = window.ROADBOOK_VERSIONS;
    if (!nav || !data || !data.versions) return;
    var page = nav.getAttribute("data-page");
    var here = nav.getAttribute("data-version");
    var siteRoot = nav.getAttribute("data-site-root") || "";
    var list = nav.querySelector("ul");
    var all = list.lastElementChild;
    list.innerHTML = "";
    data.versions.forEach(function (v) {
      var target = v.absent.indexOf(page) >= 0 ? "index.html" : page;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = siteRoot + v.prefix + target;
      a.textContent = v.name;
      if (v.name === here) a.setAttribute("aria-current", "true");
      var small = document.createElement("small");
      small.textContent = v.today;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(small);
      list.appendChild(li);
    });
    if (all) list.appendChild(all);
  }
  setupSearch();
  setupVersions();
  Array.prototype.forEach.call(document.querySelectorAll("main table:not(.grid)"), function (t) {
    makeSortable(t);
    makeFilterable(t);
  });
})();
