public enum ChartsInfo {}
