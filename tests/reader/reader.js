// The reading system of tests/reader/reader.html: foliate-js (the engine of the
// Foliate e-book reader) opening ?book=<file>.epub. window.reader exposes
// what the test needs: the view, the table of contents and the note pop-up.
import './foliate-js/view.js'
import { createTOCView } from './foliate-js/ui/tree.js'
import { FootnoteHandler } from './foliate-js/footnotes.js'

// Foliate's own reader hides the notes that a noteref shows as a pop-up
const READER_CSS = `
    @namespace epub "http://www.idpf.org/2007/ops";
    aside[epub|type~="endnote"], aside[epub|type~="footnote"],
    aside[epub|type~="note"], aside[epub|type~="rearnote"] { display: none; }
`

const $ = selector => document.querySelector(selector)
const state = { relocations: 0, location: null, note: null, errors: [] }
window.reader = state
// (the browser's notice that a resize took two frames is not an error)
window.addEventListener('error', e => /ResizeObserver loop/.test(e.message)
    || state.errors.push(String(e.message)))
window.addEventListener('unhandledrejection', e => state.errors.push(String(e.reason)))

const view = document.createElement('foliate-view')
state.view = view
$('#book').append(view)
view.addEventListener('relocate', e => {
    state.relocations += 1
    state.location = e.detail
    state.visibleText = e.detail.range?.toString() ?? ''
})

const footnotes = new FootnoteHandler()
// as Foliate does: the note's own view goes into the pop-up before it loads
// (its pages are an iframe, which renders only in the document)
footnotes.addEventListener('before-render', e => {
    const { view: noteView } = e.detail
    $('#note-body').replaceChildren(noteView)
    $('#note').showModal()
    noteView.renderer.setAttribute('flow', 'scrolled')
    noteView.renderer.setStyles?.(READER_CSS)
})
footnotes.addEventListener('render', e => {
    const { view: noteView, type, href } = e.detail
    state.note = { type, href, text: () => noteView.renderer.getContents()[0]?.doc.body.innerText ?? '' }
})
view.addEventListener('link', e => footnotes.handle(view.book, e)?.catch(err =>
    state.errors.push(String(err))))

const book = new URLSearchParams(location.search).get('book')
await view.open(book)
view.renderer.setStyles?.(READER_CSS)
$('#book-title').textContent = view.book.metadata?.title ?? ''
const toc = createTOCView(view.book.toc ?? [], href => view.goTo(href))
$('#toc').append(toc.element)
state.toc = view.book.toc
state.landmarks = view.book.landmarks
state.pageList = view.book.pageList
await view.goToTextStart()
state.ready = true
