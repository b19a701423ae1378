// The page's controls, run after pyvis has drawn `network` from the DataSets `nodes` and `edges`.
// Every name, sentence and title comes from the JSON in #dg-data and reaches the page through
// textContent or a DOM attribute, never through innerHTML: a name like <img onerror=...> stays text.
(function () {
  "use strict";
  performance.mark("dg-script-start");
  var data = JSON.parse(document.getElementById("dg-data").textContent);
  var byId = {}, edgeById = {}, adjacency = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; adjacency[n.id] = []; n.hidden = false; n.dim = false; });
  data.edges.forEach(function (e) {
    e.hidden = false; e.dim = false;
    edgeById[e.id] = e;
    adjacency[e.from].push(e.id);
    adjacency[e.to].push(e.id);
  });
  var hiddenKinds = {};
  var highlighted = null;
  var status = document.getElementById("dg-status");

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  }
  function safeHref(url) {
    return typeof url === "string" && /^(https?:|file:)\/\//i.test(url) ? url : null;
  }
  function when(e) {
    if (!e.start) return "";
    return e.end && e.end !== e.start ? e.start + " – " + e.end : e.start;
  }
  function relationText(e) { return (data.relations[e.relation] || {legend: e.relation}).legend; }
  function countryText(codes) {
    var names = {};
    data.countries.forEach(function (c) { names[c.code] = c.name; });
    return codes.map(function (c) { return names[c] ? names[c] + " " + c : c; }).join(", ");
  }
  function sourceBlock(parent, s) {
    parent.appendChild(el("blockquote", s.sentence));
    var doc = el("div", "", "dg-doc");
    var href = safeHref(s.location);
    var name = s.document || s.location || "";
    if (href) {
      var a = el("a", name);
      a.setAttribute("href", href);
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer");
      doc.appendChild(document.createTextNode("— "));
      doc.appendChild(a);
    } else {
      doc.textContent = "— " + name;
    }
    parent.appendChild(doc);
  }

  // ---- tooltips, as elements (vis-network shows a string title as text, an element as is)
  function nodeTip(n) {
    var box = el("div", "", "dg-tip");
    box.appendChild(el("b", n.label));
    if (n.hover) box.appendChild(el("div", n.hover));
    box.appendChild(el("div", data.kinds[n.kind].legend, "dg-muted"));
    if (n.countries.length) box.appendChild(el("div", countryText(n.countries), "dg-muted"));
    box.appendChild(el("div", n.exchanges + " exchange" + (n.exchanges === 1 ? "" : "s"), "dg-muted"));
    return box;
  }
  function edgeTip(e) {
    var box = el("div", "", "dg-tip");
    box.appendChild(el("b", byId[e.from].label + " · " + relationText(e) + " · " + byId[e.to].label));
    var facts = [when(e), e.place, e.detail].filter(Boolean).join(" · ");
    if (facts) box.appendChild(el("div", facts, "dg-muted"));
    e.sources.slice(0, 3).forEach(function (s) { sourceBlock(box, s); });
    return box;
  }
  // made when first hovered, before the tooltip delay runs out: thousands made up front cost a second
  var tipped = {};
  network.on("hoverNode", function (p) {
    if (!tipped[p.node]) { tipped[p.node] = true; nodes.update({id: p.node, title: nodeTip(byId[p.node])}); }
  });
  network.on("hoverEdge", function (p) {
    if (!tipped[p.edge]) { tipped[p.edge] = true; edges.update({id: p.edge, title: edgeTip(edgeById[p.edge])}); }
  });

  // ---- legend: node kinds (checkboxes that hide a kind) and edge relations
  function shapeIcon(shape, colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    var points = {
      diamond: "8,1 15,8 8,15 1,8", triangle: "8,1 15,14 1,14", triangleDown: "1,2 15,2 8,15",
      star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6",
      square: "2,2 14,2 14,14 2,14", hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"
    }[shape];
    var mark;
    if (points) {
      mark = document.createElementNS(ns, "polygon");
      mark.setAttribute("points", points);
    } else {
      mark = document.createElementNS(ns, "circle");
      mark.setAttribute("cx", "8"); mark.setAttribute("cy", "8"); mark.setAttribute("r", "6.5");
    }
    mark.setAttribute("fill", colour);
    svg.appendChild(mark);
    return svg;
  }
  var kindCounts = {}, relationCounts = {};
  data.nodes.forEach(function (n) { kindCounts[n.kind] = (kindCounts[n.kind] || 0) + 1; });
  data.edges.forEach(function (e) { relationCounts[e.relation] = (relationCounts[e.relation] || 0) + 1; });
  var kindBox = document.getElementById("dg-kinds");
  Object.keys(data.kinds).forEach(function (kind) {
    if (!kindCounts[kind]) return;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = kind;
    box.setAttribute("data-kind", kind);
    box.addEventListener("change", function () {
      if (box.checked) delete hiddenKinds[kind]; else hiddenKinds[kind] = true;
      label.classList.toggle("dg-off", !box.checked);
      filterAndFit();
    });
    label.appendChild(box);
    label.appendChild(shapeIcon(data.kinds[kind].shape, data.kinds[kind].colour));
    label.appendChild(el("span", data.kinds[kind].legend));
    label.appendChild(el("span", "(" + kindCounts[kind] + ")", "dg-count"));
    kindBox.appendChild(label);
  });
  var relBox = document.getElementById("dg-relations");
  Object.keys(data.relations).forEach(function (rel) {
    if (!relationCounts[rel]) return;
    var row = el("div", "", "dg-rel");
    var line = el("span");
    line.style.display = "inline-block"; line.style.width = "22px";
    line.style.borderTop = "3px " + (data.relations[rel].dashed ? "dashed " : "solid ") + data.relations[rel].colour;
    row.appendChild(line);
    row.appendChild(el("span", data.relations[rel].legend));
    row.appendChild(el("span", "(" + relationCounts[rel] + ")", "dg-count"));
    relBox.appendChild(row);
  });

  // ---- filters: years, country, node kinds
  var fromBox = document.getElementById("dg-from"), toBox = document.getElementById("dg-to");
  var undatedBox = document.getElementById("dg-undated");
  var countryBox = document.getElementById("dg-country");
  if (data.years.length) {
    fromBox.placeholder = data.years[0]; toBox.placeholder = data.years[data.years.length - 1];
    [fromBox, toBox].forEach(function (b) {
      b.min = data.years[0]; b.max = data.years[data.years.length - 1];
    });
  }
  data.countries.forEach(function (c) {
    var option = el("option", c.name + " " + c.code);
    option.value = c.code;
    countryBox.appendChild(option);
  });

  function applyFilters() {
    var from = parseInt(fromBox.value, 10), to = parseInt(toBox.value, 10);
    var yearsOn = !isNaN(from) || !isNaN(to);
    var country = countryBox.value;
    var degree = {}, edgeUpdates = [], nodeUpdates = [], shown = 0, touching = {};
    // a fact stays whole: the delegation that visited a country keeps the edge from its leader
    if (country) data.edges.forEach(function (e) {
      if (byId[e.from].countries.indexOf(country) >= 0 || byId[e.to].countries.indexOf(country) >= 0) touching[e.fact] = true;
    });
    data.edges.forEach(function (e) {
      var a = byId[e.from], b = byId[e.to];
      var ok = !hiddenKinds[a.kind] && !hiddenKinds[b.kind];
      if (ok && yearsOn) {
        if (e.year === null) ok = undatedBox.checked;
        else ok = (isNaN(from) || e.year >= from) && (isNaN(to) || e.year <= to);
      }
      if (ok && country) ok = touching[e.fact] === true;
      if (ok) { degree[e.from] = 1; degree[e.to] = 1; }
      if (e.hidden !== !ok) { e.hidden = !ok; edgeUpdates.push({id: e.id, hidden: !ok}); }
    });
    data.nodes.forEach(function (n) {
      var ok = !hiddenKinds[n.kind] && (degree[n.id] === 1 || adjacency[n.id].length === 0);
      if (ok) shown += 1;
      if (n.hidden !== !ok) { n.hidden = !ok; nodeUpdates.push({id: n.id, hidden: !ok}); }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    status.textContent = shown + " / " + data.nodes.length + " nodes shown";
    return shown;
  }
  function filterAndFit() { applyFilters(); network.fit(); }
  [fromBox, toBox, undatedBox, countryBox].forEach(function (b) { b.addEventListener("change", filterAndFit); });
  fromBox.addEventListener("input", applyFilters);
  toBox.addEventListener("input", applyFilters);
  document.getElementById("dg-reset").addEventListener("click", function () {
    fromBox.value = ""; toBox.value = ""; undatedBox.checked = true; countryBox.value = "";
    hiddenKinds = {};
    kindBox.querySelectorAll("input").forEach(function (b) { b.checked = true; b.parentNode.classList.remove("dg-off"); });
    clearHighlight();
    applyFilters();
    network.fit();
  });

  // ---- a node's neighbourhood and facts
  // only what changes is updated: at 2,000 nodes a full update takes half a second
  function paint(near, nearEdge) {
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      var dim = near !== null && !near[n.id];
      if (n.dim === dim) return;
      n.dim = dim;
      nodeUpdates.push(dim ? {id: n.id, color: "#e4e4e4", font: {color: "#c8c8c8"}}
                           : {id: n.id, color: data.kinds[n.kind].colour, font: {color: "#222222"}});
    });
    data.edges.forEach(function (e) {
      var dim = near !== null && !nearEdge[e.id];
      if (e.dim === dim) return;
      e.dim = dim;
      edgeUpdates.push({id: e.id, color: dim ? "#eeeeee" : (data.relations[e.relation] || {colour: "#999999"}).colour});
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  function clearHighlight() {
    if (highlighted === null) return;
    highlighted = null;
    paint(null, null);
    document.getElementById("dg-facts").hidden = true;
  }
  function highlight(id) {
    highlighted = id;
    var near = {}, nearEdge = {};
    near[id] = true;
    adjacency[id].forEach(function (eid) {
      nearEdge[eid] = true; near[edgeById[eid].from] = true; near[edgeById[eid].to] = true;
    });
    paint(near, nearEdge);
  }
  function showFacts(id) {
    var n = byId[id];
    var body = document.getElementById("dg-facts-body");
    body.textContent = "";
    body.appendChild(el("h3", n.label));
    var sub = [n.hover, data.kinds[n.kind].legend, countryText(n.countries)].filter(Boolean).join(" · ");
    body.appendChild(el("div", sub, "dg-sub"));
    var facts = adjacency[id].map(function (eid) { return edgeById[eid]; });
    facts.sort(function (a, b) { return (a.start || "9999").localeCompare(b.start || "9999"); });
    body.appendChild(el("div", facts.length + " fact" + (facts.length === 1 ? "" : "s") + " with their sources", "dg-sub"));
    var list = el("ul");
    facts.forEach(function (e) {
      var item = el("li");
      var other = e.from === id ? byId[e.to] : byId[e.from];
      var verb = e.from === id ? relationText(e) + " → " : "← " + relationText(e) + " · ";
      item.appendChild(el("span", verb + other.label, "dg-fact"));
      var facts = [when(e), e.place, e.detail].filter(Boolean).join(" · ");
      if (facts) item.appendChild(el("div", facts, "dg-when"));
      e.sources.forEach(function (s) { sourceBlock(item, s); });
      list.appendChild(item);
    });
    body.appendChild(list);
    document.getElementById("dg-facts").hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); showFacts(params.nodes[0]); }
    else if (!params.edges.length) clearHighlight();
  });
  document.getElementById("dg-close").addEventListener("click", function () {
    network.unselectAll(); clearHighlight();
  });

  // ---- search: a label, its pinyin or English name; the node is focused and its facts shown
  function plain(text) {
    return String(text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^0-9a-z\u3400-\u9fff]/g, "");
  }
  var names = document.getElementById("dg-names");
  data.nodes.slice().sort(function (a, b) { return b.exchanges - a.exchanges; }).forEach(function (n) {
    var option = el("option");
    option.value = n.label;
    if (n.hover) option.label = n.hover;
    names.appendChild(option);
  });
  function findNode(text) {
    var wanted = plain(text);
    if (!wanted) return null;
    var tests = [
      function (n) { return n.label === text.trim(); },
      function (n) { return plain(n.label) === wanted || plain(n.hover) === wanted; },
      function (n) { return plain(n.label + " " + n.hover).indexOf(wanted) >= 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      var found = data.nodes.filter(tests[i]);
      if (found.length) {
        found.sort(function (a, b) { return (a.hidden ? 1 : 0) - (b.hidden ? 1 : 0) || b.exchanges - a.exchanges; });
        return found[0];
      }
    }
    return null;
  }
  function search(text) {
    var n = findNode(text);
    if (!n) { status.textContent = "没有找到 not found: " + text; return null; }
    if (n.hidden) status.textContent = n.label + " is hidden by the filters";
    network.selectNodes([n.id]);
    network.focus(n.id, {scale: 1.4, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    highlight(n.id);
    showFacts(n.id);
    return n.id;
  }
  var searchBox = document.getElementById("dg-search");
  searchBox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(searchBox.value); });
  searchBox.addEventListener("change", function () { search(searchBox.value); });
  document.getElementById("dg-find").addEventListener("click", function () { search(searchBox.value); });

  if (data.note) {
    var note = document.getElementById("dg-note");
    note.textContent = data.note;
    note.hidden = false;
  }

  // ---- ready: physics stops once the layout has settled (or never runs, for a laid-out network)
  function ready() {
    if (window.diplographReady) return;
    window.diplographReady = true;
    window.diplographReadyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
    if (!data.laidOut) status.textContent = applyFilters() + " nodes";
  }
  if (data.laidOut) {
    // vis-network drew once already, inside pyvis's drawGraph: ask for the drawing we time
    network.once("afterDrawing", function () { ready(); });
    network.fit();
    network.redraw();
  } else {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "arranging " + Math.round(100 * p.iterations / p.total) + "%";
    });
    var settled = function () {
      network.setOptions({physics: {enabled: false}});
      network.fit();
      ready();
    };
    // a small network can settle inside its first batch of iterations, before this script runs
    if (network.physics.ready === true) settled();
    else network.once("stabilizationIterationsDone", settled);
  }
  applyFilters();
  performance.mark("dg-script-end");

  window.diplograph = {
    data: data,
    search: search,
    applyFilters: applyFilters,
    visibleNodeIds: function () { return network.body.nodeIndices.slice(); },
    visibleEdgeIds: function () { return network.body.edgeIndices.slice(); }
  };
})();
