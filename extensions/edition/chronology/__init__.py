"""The chronology: dated events from the witness, listed and drawn as a timeline."""
