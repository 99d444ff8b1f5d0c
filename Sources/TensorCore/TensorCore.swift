public enum TensorCoreInfo {}
