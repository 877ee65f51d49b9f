"""What people read: evaluation results rendered for a terminal (:mod:`.terminal`)."""
