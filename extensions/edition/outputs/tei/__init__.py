"""TEI P5 and data exports: the edition as interchange data.

* :mod:`~edition.outputs.tei.mapping`: node class -> TEI element, one table;
* :mod:`~edition.outputs.tei.header`: the ``teiHeader``;
* :mod:`~edition.outputs.tei.writer`: the text;
* :mod:`~edition.outputs.tei.reader`: the aligned units read back (JSON, text);
* :mod:`~edition.outputs.tei.builder`: the ``tei`` builder and the HTML exports.
"""
