namespace QuiltNet.Data;

/// <summary>How an image's values are laid out in one sample.</summary>
public enum ImageLayout
{
    /// <summary>Channels first: channels × height × width (PyTorch's).</summary>
    Nchw,

    /// <summary>Channels last: height × width × channels (TensorFlow's).</summary>
    Nhwc,
}
