using Microsoft.ML;
using Microsoft.ML.Data;

// usage: MlNetLoader MODEL.zip INPUT.f32 ROWS INPUT-COLUMN OUTPUT-COLUMN OUTPUT.f32
// Rows of float32 in, the output column's float32 values out; prints the loaded assemblies' names.
string modelPath = args[0], inputPath = args[1], inputColumn = args[3], outputColumn = args[4], outputPath = args[5];
int rows = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var values = new float[new FileInfo(inputPath).Length / sizeof(float)];
Buffer.BlockCopy(File.ReadAllBytes(inputPath), 0, values, 0, values.Length * sizeof(float));
int size = values.Length / rows;

var context = new MLContext(seed: 1);
var model = context.Model.Load(modelPath, out _);
var definition = SchemaDefinition.Create(typeof(Row));
definition[nameof(Row.Features)].ColumnName = inputColumn;
definition[inputColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
var data = context.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(r => new Row { Features = values[(r * size)..((r + 1) * size)] }), definition);
var output = model.Transform(data).GetColumn<float[]>(outputColumn).SelectMany(v => v).ToArray();
var bytes = new byte[output.Length * sizeof(float)];
Buffer.BlockCopy(output, 0, bytes, 0, bytes.Length);
File.WriteAllBytes(outputPath, bytes);
(model as IDisposable)?.Dispose();
foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) Console.WriteLine(assembly.GetName().Name);

internal sealed class Row
{
    public float[] Features { get; set; } = [];
}
