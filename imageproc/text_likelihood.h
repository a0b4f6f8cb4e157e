// A cheap check (about a millisecond on a 640x480 image) of whether an image
// likely carries a line of text, so that photos without text skip OCR. Finds
// text-line candidates: edges (morphological gradient of luma), closed
// horizontally, kept when their geometry is that of a line of
// characters (height band, elongation, fill, and many stroke crossings along
// the line, which a bar or an outline does not have). Pure; thread-safe.
#ifndef HARRIER_IMAGEPROC_TEXT_LIKELIHOOD_H_
#define HARRIER_IMAGEPROC_TEXT_LIKELIHOOD_H_

#include <opencv2/core.hpp>
#include <vector>

#include "core/status.h"

namespace harrier::imageproc {

struct TextLikelihoodOptions {
  // The image is downscaled (never upscaled) so that its longer side is at
  // most this before analysis; a second pass at half that finds big text.
  int analysis_side = 640;
  // Likely text when the score reaches this: about the number of characters
  // in the best text-line candidates.
  double min_score = 6.0;
  // Grey-level step (0-255) across a glyph edge for it to count.
  int min_edge_contrast = 48;
};

struct TextLikelihood {
  double score = 0;  // ~ characters found in text-like lines; 0 for none
  bool likely = false;
  // Candidate text lines in input pixels, the most text-like first (at most
  // 16). OCR may read just these regions.
  std::vector<cv::Rect> lines;
  // Median height of the candidate lines in input pixels (0: none); OCR uses
  // it to decide how much to upscale.
  int text_height = 0;
};

// Accepts CV_8UC1 (grey), CV_8UC3 (BGR) and CV_8UC4 (BGRA). InvalidArgument
// for an empty image or another type; Internal if OpenCV throws (never
// throws itself). Time and memory are linear in the pixels of the
// downscaled image, whatever the input size.
Result<TextLikelihood> EstimateTextLikelihood(const cv::Mat& image,
                                              const TextLikelihoodOptions& options = {});

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_TEXT_LIKELIHOOD_H_
