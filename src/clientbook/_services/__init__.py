"""The use cases, the ports they need from storage, and the refusals they raise."""
