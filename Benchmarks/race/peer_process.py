"""What runs inside a Python peer's measuring process (`race.py inproc` / `race.py wholeproc`): load
the saved model, predict a file of one document per line."""
import json
import sys
import time

from systems import SKLEARN

from peers import vw_features, vw_test_args


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l[:-1] if l.endswith("\n") else l for l in f]


def load_predictor(system, model_path):
    """Returns (predict(list_of_lines) -> labels/scores, prepare(list_of_lines) -> peer input)."""
    if system == "fasttext":
        import fasttext
        fasttext.FastText.eprint = lambda *a, **k: None  # silence the load_model deprecation note
        model = fasttext.load_model(model_path)
        return (lambda xs: model.predict(xs, k=1)[0]), (lambda lines: lines)
    if system in SKLEARN:
        import joblib
        model = joblib.load(model_path)
        return model.predict_proba, (lambda lines: lines)
    if system == "vw":
        from vowpalwabbit import Workspace
        ws = Workspace(arg_list=vw_test_args(model_path))
        return (lambda xs: [ws.predict(x) for x in xs]), (lambda lines: [vw_features(t) for t in lines])
    raise ValueError(system)


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for i in threadpool_info()]
    except Exception as e:  # pragma: no cover
        return str(e)


def inproc(system, model, data, runs):
    """Times `runs` predictions of every line of data (input prepared before the timer); prints the
    best as one JSON object (the fields of results.PeerThroughput but its process's)."""
    lines = read_lines(data)
    nbytes = sum(len(t.encode("utf-8")) for t in lines)
    predict, prepare = load_predictor(system, model)
    xs = prepare(lines)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = predict(xs)
        times.append(time.perf_counter() - t0)
        assert len(out) == len(lines)
        del out
    best = min(times)
    res = {"system": system, "documents": len(lines), "bytes": nbytes, "seconds": best, "runs": times,
           "docs_per_second": len(lines) / best, "mb_per_second": nbytes / 1e6 / best}
    if system in SKLEARN:
        res["blas"] = blas_info()
    print(json.dumps(res))


def wholeproc(system, model, data):
    """The whole job of a Python peer: load the model, read the file, predict, one label per line to stdout."""
    lines = read_lines(data)
    out = sys.stdout
    if system in SKLEARN:
        import joblib
        labels = joblib.load(model).predict(lines)
    elif system == "fasttext":
        predict, prepare = load_predictor(system, model)
        labels = [l[0] for l in predict(prepare(lines))]
    else:
        predict, prepare = load_predictor(system, model)
        labels = predict(prepare(lines))
    out.write("".join(f"{y}\n" for y in labels))
    out.flush()
