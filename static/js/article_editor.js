// The article body's editor: django-prose-editor's configurable preset, built
// without Tiptap's injected <style> element (the Content-Security-Policy
// allows stylesheets from this site only; editor.css has the same rules).
import * as editorModule from "django-prose-editor/editor"

const { Editor, crel, initializeEditors } = editorModule
const marker = "data-django-prose-editor-article"

// Pasted HTML (from a word processor above all) loses its styles before the
// editor reads it: they would be dropped anyway, and reading them would be an
// inline style the Content-Security-Policy refuses.
function withoutStyles(html) {
  return html
    .replace(/<style[\s\S]*?<\/style\s*>/gi, "")
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/gi, "")
}

function fieldLabel(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`)
  return label ? label.textContent.replace(/:\s*$/, "").trim() : textarea.name
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(marker) || "{}")
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = editorModule[name]
    if (!extension || options === false) continue
    extensions.push(typeof options === "object" ? extension.configure(options) : extension)
  }
  const disabled = textarea.hasAttribute("disabled")
  const wrapper = crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` })
  textarea.before(wrapper)
  wrapper.append(textarea)
  const editor = new Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectCSS: false,
    // The editable area is named after the field's label, for screen readers.
    editorProps: {
      attributes: { "aria-label": fieldLabel(textarea) },
      transformPastedHTML: withoutStyles,
    },
    onUpdate({ editor }) {
      const html = editor.getHTML()
      // An editor holding one empty paragraph is an empty body.
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
    onDestroy() {
      wrapper.before(textarea)
      wrapper.remove()
    },
  })
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  )
  return editor
}

initializeEditors(createEditor, `[${marker}]`)
