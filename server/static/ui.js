// The query page: one YASGUI editor on this server's endpoint; example buttons load a named query and run it.
(function () {
  "use strict";
  var element = document.getElementById("yasgui");
  var endpoint = new URL(element.dataset.endpoint, window.location.href).href;
  var yasgui = new Yasgui(element, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null
  });
  var queries = {};
  fetch("queries").then(function (r) { return r.json(); }).then(function (list) {
    list.forEach(function (q) { queries[q.name] = q.query; });
  });
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = queries[button.dataset.name];
      if (!text) { return; }
      var tab = yasgui.getTab();
      tab.setQuery(text);
      tab.query();
    });
  });
  window.orgkgYasgui = yasgui;
})();
