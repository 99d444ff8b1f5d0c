public enum AugmentInfo {}
