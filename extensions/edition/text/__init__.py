"""The text of a side: what lies inside it beyond its words.

* :mod:`.pagebreak`: page breaks of the printed source (``{pb}``);
* :mod:`.segment` and :mod:`.alignment`: its sentences, and which sentences
  of the original answer which of the English.
"""
