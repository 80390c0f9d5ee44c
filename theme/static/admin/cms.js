/* The hub's additions to Decap CMS at /admin/ (plugins/cms_admin): the
   preview pane in the hub's stylesheet and layout, and the resource-groups
   widget. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var script = document.currentScript;
  // Decap's lists of several types mark each item's type under this key.
  var KIND = "type";
  var LINK_KINDS = ["article", "product"];
  var MARKDOWN_MODE = "cms.md-mode";

  CMS.registerPreviewStyle(script.dataset.previewStyle);

  // The body opens as Markdown, saved exactly as typed, until an editor
  // chooses the rich text editor (Decap remembers the choice).
  if (window.localStorage.getItem(MARKDOWN_MODE) === null) {
    window.localStorage.setItem(MARKDOWN_MODE, "raw");
  }

  var Preview = window.createClass({
    render: function () {
      var data = this.props.entry.get("data");
      return window.h(
        "main",
        { className: "hub-main" },
        window.h(
          "article",
          { className: "hub-article" },
          window.h(
            "header",
            { className: "hub-article__header" },
            window.h("h1", { className: "hub-heading-xl" }, data.get("title")),
            window.h("p", { className: "hub-lead" }, data.get("summary"))
          ),
          window.h("div", { className: "hub-prose" }, this.props.widgetFor("body"))
        )
      );
    }
  });
  script.dataset.previews.split(" ").forEach(function (collection) {
    CMS.registerPreviewTemplate(collection, Preview);
  });

  /* Resource groups are saved as the content model has them, a mapping of
     group name to links, which no Decap widget edits. The list widget edits
     them as [{name, links}] with each group's and link's type marked; they
     are saved as the mapping again. Values are Immutable.js collections. */
  function isList(value) {
    return Boolean(value && value.toJS) && Array.isArray(value.toJS());
  }

  function kindOf(link) {
    return (
      LINK_KINDS.find(function (kind) {
        return link.has(kind);
      }) || "link"
    );
  }

  function asList(groups) {
    if (!groups || !groups.entrySeq || isList(groups)) {
      return groups;
    }
    var group = groups.clear();
    return groups
      .entrySeq()
      .map(function (entry) {
        var links = entry[1];
        if (isList(links)) {
          links = links.map(function (link) {
            return link && link.set ? link.set(KIND, kindOf(link)) : link;
          });
        }
        return group.set(KIND, "group").set("name", entry[0]).set("links", links);
      })
      .toList();
  }

  function asMapping(items) {
    if (!isList(items)) {
      return items;
    }
    var groups = items.toOrderedMap().clear();
    items.forEach(function (item) {
      var name = item.get("name");
      var links = (item.get("links") || items.clear()).map(function (link) {
        return link.delete(KIND);
      });
      groups = groups.set(name, groups.has(name) ? groups.get(name).concat(links) : links);
    });
    return groups;
  }

  // Decap 3.16 hands a control the value as saved (it never calls a
  // serializer's deserialize), so the control turns it into the list.
  var ListControl = CMS.getWidget("list").control;
  var ResourceGroupsControl = window.createClass({
    keepList: function (list) {
      this.list = list;
    },
    // The object holding this field validates each group through it.
    validate: function () {
      if (this.list) {
        this.list.validate();
      }
    },
    render: function () {
      return window.h(
        ListControl,
        Object.assign({}, this.props, { value: asList(this.props.value), ref: this.keepList })
      );
    }
  });
  CMS.registerWidget("resource-groups", ResourceGroupsControl, CMS.getWidget("list").preview);
  CMS.registerWidgetValueSerializer("resource-groups", { serialize: asMapping });
})();
