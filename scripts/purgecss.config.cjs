// What of the design system's stylesheet the product's pages can use (scripts/build_css.py):
// every class name in a template, in the Python that writes HTML (form widgets, charts),
// and in the scripts that add classes as people click (the design system's own, htmx,
// app.js). Paths are from the repository's root.
const apps = "{access,api,audit,benchmark,core,dialogue,followup,groups,identity,method,organisations,plans,prioritymap,scim,ui,ledertrivsel}";
module.exports = {
  content: [
    "templates/**/*.html",
    `${apps}/templates/**/*.html`,
    `${apps}/**/*.py`,
    "static/js/*.js",
    "node_modules/dkfds/dist/js/dkfds.min.js",
    "node_modules/htmx.org/dist/htmx.min.js",
  ],
  // Composed in a template (templates/partials/alert.html: alert-{{ level }}).
  safelist: { standard: [/^alert-/] },
  keyframes: true,
};
